package org.convscope.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Broadcast;
import org.convscope.tensor.Tensor;

/**
 * The elementwise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum): two or more
 * inputs are combined value by value, left to right, in float like Keras
 * ({@code out = in0 ⊕ in1 ⊕ in2 …}). Inputs of different shapes broadcast as in Keras
 * ({@link Broadcast}): a squeeze-and-excitation block multiplies {@code (N, H, W, C)} by
 * {@code (N, 1, 1, C)}, each channel's scale repeated over the image.
 */
public abstract sealed class Merge implements Layer permits Add, Subtract, Multiply, Average, Maximum, Minimum {
    private final String name;

    /**
     * A merge layer.
     * @param name the layer's name, unique in its model
     */
    protected Merge(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": a layer needs a name");
        this.name = name;
    }

    @Override public final String name() { return name; }

    /** Two or more (−1); Subtract overrides with exactly 2. */
    @Override public int arity() { return -1; }

    /**
     * "Add 'add_1'", for error messages.
     *
     * @return the layer's class and name, for error messages
     */
    protected String describe() { return kerasClass() + " '" + name + "'"; }

    private void requireCount(int n) {
        int a = arity();
        if (a >= 0 ? n != a : n < 2) {
            throw new IllegalArgumentException(describe() + " takes " + (a >= 0 ? "exactly " + a : "two or more")
                    + " inputs, got " + n);
        }
    }

    /**
     * The broadcast of the input shapes (Keras's rule, see {@link Broadcast}): equal shapes give that
     * shape; a length-1 axis takes the other input's length, e.g. {@code (None, 7, 7, 64)} times
     * {@code (None, 1, 1, 64)} is {@code (None, 7, 7, 64)}; an input of lower rank is read with 1s
     * inserted after its batch axis.
     */
    @Override
    public int[] outputShape(List<int[]> shapes) {
        requireCount(shapes.size());
        return Broadcast.shape(describe(), shapes);
    }

    /**
     * Combines the inputs left to right. Inputs of equal shape are combined index by index; an input
     * that broadcasts is read through its {@link Broadcast#strides strides} (0 along repeated axes),
     * one output row at a time, without being copied out to the full shape.
     */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        requireCount(inputs.size());
        int[] shape = inputs.get(0).shape();
        boolean same = true;
        for (int i = 1; same && i < inputs.size(); i++) same = Arrays.equals(shape, inputs.get(i).shape());
        float[] acc;
        if (same) {
            float[] first = inputs.get(0).data(), out = ActivationArena.floats(first.length);
            Gemms.parallelRange(first.length, 16, (from, to) -> {
                System.arraycopy(first, from, out, from, to - from);
                for (int i = 1; i < inputs.size(); i++) {
                    float[] x = inputs.get(i).data();
                    for (int j = from; j < to; j++) out[j] = combine(out[j], x[j]);
                }
            });
            acc = out;
        } else {
            List<int[]> shapes = new ArrayList<>(inputs.size());
            for (Tensor t : inputs) shapes.add(t.shape());
            shape = Broadcast.shape(describe(), shapes);
            Tensor full = inputs.size() != 2 ? null : Arrays.equals(inputs.get(0).shape(), shape) ? inputs.get(0)
                    : commutative() && Arrays.equals(inputs.get(1).shape(), shape) ? inputs.get(1) : null;
            if (full != null) {
                // two inputs, one of the output's shape (x · se of a squeeze-and-excitation block, x + bias
                // row): one pass, each output row from the full input's row and the other's (repeated) values
                acc = ActivationArena.floats(full.size());
                combineTwo(acc, shape, full.data(), full == inputs.get(0) ? inputs.get(1) : inputs.get(0));
            } else {
                acc = Broadcast.to(inputs.get(0), shape).data();
                for (int i = 1; i < inputs.size(); i++) combineTwo(acc, shape, acc, inputs.get(i));   // in place
            }
        }
        finish(acc, inputs.size());
        return Tensor.of(acc, shape);
    }

    /**
     * {@code out[o] = combine(a[o], x[o seen through x's strides])} over the output shape
     * {@code shape}, {@code a} being of that shape ({@code out} may be {@code a}: in place).
     */
    private void combineTwo(float[] out, int[] shape, float[] a, Tensor in) {
        float[] x = in.data();
        int[] st = Broadcast.strides(in.shape(), shape);
        int len = shape.length == 0 ? 1 : shape[shape.length - 1];
        boolean repeatLast = shape.length == 0 || st[shape.length - 1] == 0;
        Broadcast.forEachRow(shape, st, (o, i) -> {
            if (repeatLast) combineRowScalar(out, a, o, x[i], len);
            else combineRow(out, a, o, x, i, len);
        });
    }

    /**
     * One row of {@link #combineTwo}: {@code out[o + j] = combine(a[o + j], x[i + j])}, j &lt; len.
     * Subclasses override it with the operation written out, a loop C2 vectorises (a call to
     * {@link #combine} per value, shared by all subclasses, is not).
     */
    void combineRow(float[] out, float[] a, int o, float[] x, int i, int len) {
        for (int j = 0; j < len; j++) out[o + j] = combine(a[o + j], x[i + j]);
    }

    /** As {@link #combineRow} with one value {@code v} for the whole row. */
    void combineRowScalar(float[] out, float[] a, int o, float v, int len) {
        for (int j = 0; j < len; j++) out[o + j] = combine(a[o + j], v);
    }

    /** Whether the inputs may be swapped: true for sums, products, maxima and minima, not for a difference. */
    boolean commutative() { return true; }

    /** The running result combined with the next input's value. */
    abstract float combine(float acc, float x);

    /** Final touch after all inputs (Average divides by their number). */
    void finish(float[] acc, int count) { }

    @Override public String toString() { return describe(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
