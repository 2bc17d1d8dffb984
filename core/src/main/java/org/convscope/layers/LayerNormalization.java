package org.convscope.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's {@code LayerNormalization}: each sample is normalised over the given axes (by default the
 * last one), separately for every position of the other axes:
 * {@code y = (x − mean) / √(var + ε) · γ + β}, with the mean and the (biased) variance taken over
 * the axes, and γ, β holding one value per position of those axes ({@code scale=False} leaves γ
 * out, {@code center=False} β).
 *
 * <p>{@code rms_scaling=True} is Keras 3's deprecated variant, computed as Keras computes it:
 * {@code y = x / √(var + ε) · γ} — the input is divided by its standard deviation but not centred,
 * and there is no β.
 *
 * <p>The statistics are summed in double and every output rounded once to float.
 */
public final class LayerNormalization extends SingleInputLayer {
    private final int rank;
    private final int[] axes;
    private final int[] axisSizes;
    private final float epsilon;
    private final float[] gamma, beta;
    private final boolean rms;
    private final Tensor gammaT, betaT;

    /**
     * A LayerNormalization for inputs of rank {@code rank}.
     *
     * @param name       the layer's name, unique in its model
     * @param rank       the input's rank, batch included
     * @param axes       the normalised axes, each in {@code [1, rank)}, sorted, distinct
     * @param epsilon    added to the variance
     * @param gamma      the scale, shape = the input's sizes along {@code axes}; null for none
     * @param beta       the offset, same shape; null for none (always null with {@code rmsScaling})
     * @param rmsScaling Keras's {@code rms_scaling=True}
     * @param axisSizes  the input's sizes along {@code axes}
     */
    public LayerNormalization(String name, int rank, int[] axes, int[] axisSizes, float epsilon, Tensor gamma, Tensor beta,
                              boolean rmsScaling) {
        super(name);
        this.rank = rank;
        this.axes = axes.clone();
        if (axes.length == 0 || axes.length != axisSizes.length) {
            throw new IllegalArgumentException(describe() + ": needs at least one axis and one size per axis, got axes "
                    + Arrays.toString(axes) + ", sizes " + Arrays.toString(axisSizes));
        }
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 1 || axes[i] >= rank || (i > 0 && axes[i] <= axes[i - 1])) {
                throw new IllegalArgumentException(describe() + ": axes " + Arrays.toString(axes) + " must be sorted, distinct and in [1, "
                        + rank + ") for a rank-" + rank + " input (the batch axis cannot be normalised)");
            }
            if (axisSizes[i] <= 0) throw new IllegalArgumentException(describe() + ": axis " + axes[i] + " needs a known size");
        }
        this.axisSizes = axisSizes.clone();
        int n = 1;
        for (int s : axisSizes) n *= s;
        if (rmsScaling && beta != null) throw new IllegalArgumentException(describe() + ": rms_scaling has no beta");
        for (Tensor t : new Tensor[] {gamma, beta}) {
            if (t != null && t.size() != n) {
                throw new IllegalArgumentException(describe() + ": gamma/beta " + Shapes.toString(t.shape()) + " should hold "
                        + n + " values (sizes " + Arrays.toString(axisSizes) + " of axes " + Arrays.toString(axes) + ")");
            }
        }
        this.epsilon = epsilon;
        this.gamma = gamma == null ? null : gamma.data().clone();
        this.beta = beta == null ? null : beta.data().clone();
        this.gammaT = gamma;
        this.betaT = beta;
        this.rms = rmsScaling;
    }

    @Override public String kerasClass() { return "LayerNormalization"; }

    /** {@return the normalised axes (a copy)} */
    public int[] axes() { return axes.clone(); }

    /** {@return epsilon} */
    public float epsilon() { return epsilon; }

    /** {@return true for rms_scaling} */
    public boolean rmsScaling() { return rms; }

    /** {@return γ flat (a copy), or null} */
    public float[] gamma() { return gamma == null ? null : gamma.clone(); }

    /** {@return β flat (a copy), or null} */
    public float[] beta() { return beta == null ? null : beta.clone(); }

    @Override
    public List<Weight> weights() {
        List<Weight> w = new ArrayList<>();
        if (gammaT != null) w.add(Weight.trainable("gamma", gammaT));
        if (betaT != null) w.add(Weight.trainable("beta", betaT));
        return w;
    }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, rank);
        for (int i = 0; i < axes.length; i++) {
            if (in[axes[i]] >= 0 && in[axes[i]] != axisSizes[i]) {
                throw new IllegalArgumentException(describe() + ": axis " + axes[i] + " of input " + Shapes.toString(in) + " has size "
                        + in[axes[i]] + " but gamma/beta have " + axisSizes[i]);
            }
        }
        return in.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        // group[i]: which normalisation group flat position i is in; param[i]: its position along the axes
        boolean[] isAxis = new boolean[rank];
        for (int a : axes) isAxis[a] = true;
        int groupSize = 1;
        for (int s : axisSizes) groupSize *= s;
        int groups = x.length / groupSize;
        if (isContiguousTail()) {
            for (int g = 0; g < groups; g++) normalise(x, y, g * groupSize, groupSize, null);
        } else {
            int[] index = new int[groupSize];          // positions of one group, relative to its first element
            int[] firsts = new int[groups];
            int[] strides = new int[rank];
            strides[rank - 1] = 1;
            for (int d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
            fill(index, shape, strides, isAxis, true);
            fill(firsts, shape, strides, isAxis, false);
            for (int g = 0; g < groups; g++) normalise(x, y, firsts[g], groupSize, index);
        }
        return Tensor.of(y, shape);
    }

    private boolean isContiguousTail() {
        for (int i = 0; i < axes.length; i++) if (axes[i] != rank - axes.length + i) return false;
        return true;
    }

    /** Offsets of the positions that vary along the chosen axes (others at 0), row-major. */
    private static void fill(int[] out, int[] shape, int[] strides, boolean[] isAxis, boolean alongAxes) {
        int[] coord = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            int off = 0;
            for (int d = 0; d < shape.length; d++) off += coord[d] * strides[d];
            out[i] = off;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (isAxis[d] != alongAxes) continue;
                if (++coord[d] < shape[d]) break;
                coord[d] = 0;
            }
        }
    }

    /** One group: from {@code base}, element k at {@code base + k} (contiguous) or {@code base + index[k]}. */
    private void normalise(float[] x, float[] y, int base, int n, int[] index) {
        double sum = 0;
        for (int k = 0; k < n; k++) sum += x[index == null ? base + k : base + index[k]];
        double mean = sum / n;
        double sq = 0;
        for (int k = 0; k < n; k++) {
            double d = x[index == null ? base + k : base + index[k]] - mean;
            sq += d * d;
        }
        double inv = 1 / Math.sqrt(sq / n + epsilon);
        for (int k = 0; k < n; k++) {
            int i = index == null ? base + k : base + index[k];
            double v = rms ? x[i] * inv : (x[i] - mean) * inv;
            if (gamma != null) v *= gamma[k];
            if (beta != null) v += beta[k];
            y[i] = (float) v;
        }
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
