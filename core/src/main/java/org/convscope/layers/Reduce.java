package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * A Keras 3 reduction op node: {@code keras.ops.mean}, {@code max}, {@code min} or {@code sum} over
 * some axes, with or without {@code keepdims} (a squeeze-and-excitation written as
 * {@code ops.mean(x, axis=[1, 2], keepdims=True)}, a channel max). The batch axis may be reduced too.
 * Sums are taken in double and rounded once; max and min are exact. {@code initial} (max/min) is
 * a value the result is compared with as well.
 */
public final class Reduce extends SingleInputLayer {
    /** The reductions. */
    public enum Kind {
        /** Arithmetic mean. */
        MEAN,
        /** Largest value. */
        MAX,
        /** Smallest value. */
        MIN,
        /** Sum. */
        SUM
    }

    private final String opClass;
    private final Kind kind;
    private final int[] axes;        // null = every axis
    private final boolean keepDims;
    private final Float initial;

    /**
     * A reduction.
     *
     * @param name     the op node's name
     * @param opClass  Keras's op class, for example {@code Mean}
     * @param kind     the reduction
     * @param axes     the reduced axes (negative count from the end), or null for all of them
     * @param keepDims true to keep each reduced axis with length 1
     * @param initial  for max/min, a value the result also compares with (Keras's {@code initial}); null for none
     */
    public Reduce(String name, String opClass, Kind kind, int[] axes, boolean keepDims, Float initial) {
        super(name);
        if (kind == null) throw new IllegalArgumentException(describe() + ": reduction is required");
        this.opClass = opClass == null ? kind.name() : opClass;
        this.kind = kind;
        this.axes = axes == null ? null : axes.clone();
        this.keepDims = keepDims;
        if (initial != null && (kind == Kind.MEAN || kind == Kind.SUM)) {
            throw new IllegalArgumentException(describe() + ": 'initial' applies to max and min only");
        }
        this.initial = initial;
    }

    @Override public String kerasClass() { return opClass; }

    /** {@return the reduction} */
    public Kind kind() { return kind; }

    /** {@return the reduced axes as given (a copy), or null for every axis} */
    public int[] axes() { return axes == null ? null : axes.clone(); }

    /** {@return true when the reduced axes are kept with length 1} */
    public boolean keepDims() { return keepDims; }

    /** Which axes of a rank-{@code rank} input are reduced. */
    private boolean[] reduced(int rank) {
        boolean[] r = new boolean[rank];
        if (axes == null) {
            Arrays.fill(r, true);
            return r;
        }
        for (int a : axes) {
            int ax;
            try {
                ax = Shapes.axis(a, rank);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": axis " + a + " is out of range for a rank-" + rank + " input");
            }
            if (r[ax]) throw new IllegalArgumentException(describe() + ": axis " + a + " is listed twice in " + Arrays.toString(axes));
            r[ax] = true;
        }
        return r;
    }

    @Override
    public int[] outputShape(int[] in) {
        boolean[] r = reduced(in.length);
        int n = 0;
        for (int d = 0; d < in.length; d++) if (!r[d] || keepDims) n++;
        int[] out = new int[n];
        int k = 0;
        for (int d = 0; d < in.length; d++) {
            if (!r[d]) out[k++] = in[d];
            else if (keepDims) out[k++] = 1;
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        int[] out = outputShape(s);
        boolean[] r = reduced(s.length);
        int size = Math.toIntExact(Shapes.size(out));
        float[] x = input.data();
        double[] acc = new double[size];
        if (kind == Kind.MAX) Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        if (kind == Kind.MIN) Arrays.fill(acc, Double.POSITIVE_INFINITY);
        // output stride of each input axis (0 along reduced axes)
        int[] ost = new int[s.length];
        int step = 1;
        for (int d = s.length - 1; d >= 0; d--) {
            if (r[d]) continue;
            ost[d] = step;
            step *= s[d];
        }
        int[] idx = new int[s.length];
        int o = 0;
        boolean nan = false;
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            switch (kind) {
                case MEAN, SUM -> acc[o] += v;
                case MAX -> { if (v > acc[o] || Float.isNaN(v)) acc[o] = v; }
                case MIN -> { if (v < acc[o] || Float.isNaN(v)) acc[o] = v; }
            }
            for (int d = s.length - 1; d >= 0; d--) {
                o += ost[d];
                if (++idx[d] < s[d]) break;
                o -= ost[d] * s[d];
                idx[d] = 0;
            }
        }
        long count = size == 0 ? 1 : x.length / Math.max(1, size);
        float[] y = ActivationArena.floats(size);
        for (int i = 0; i < size; i++) {
            double v = kind == Kind.MEAN ? acc[i] / count : acc[i];
            if (initial != null) v = kind == Kind.MAX ? Math.max(v, initial) : Math.min(v, initial);
            y[i] = (float) v;
        }
        return Tensor.of(y, out);
    }

    /** Per image unless it reduces over the batch axis (or over every axis). */
    @Override
    public boolean perImage(int inputRank) {
        if (axes() == null) return false;
        for (int a : axes()) if ((a < 0 ? a + inputRank : a) == 0) return false;
        return true;
    }
}
