package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's {@code Normalization} preprocessing layer: {@code y = (x − mean) / max(√variance, 1e-7)},
 * or with {@code invert} {@code y = mean + x · max(√variance, 1e-7)}, the statistics held per
 * position of the kept axes (Keras's {@code axis}, by default the last one) and shared along every
 * other axis. The mean and variance come either from the layer's weights (an adapted layer, as in
 * EfficientNet) or from its config (as in EfficientNetV2 and ConvNeXt); the loader turns both into
 * tensors whose shape is the sizes of the kept axes. Computed in float like Keras: √ and the
 * division are each rounded to float.
 */
public final class Normalization extends SingleInputLayer {
    /** Keras's {@code backend.epsilon()}, the floor of the standard deviation. */
    public static final float EPSILON = 1e-7f;

    private final int rank;
    private final int[] keepAxes;
    private final int[] keepSizes;
    private final float[] mean;
    private final float[] std;           // max(sqrt(variance), 1e-7), rounded to float
    private final float[] variance;
    private final boolean invert;
    private final Weight[] weights;

    /**
     * A Normalization layer for inputs of rank {@code rank}.
     *
     * @param name     the layer's name, unique in its model
     * @param rank     the rank of the input, batch included
     * @param keepAxes the axes that have their own statistics, each in {@code [1, rank)} (the batch
     *                 axis cannot be kept), sorted, no repeats; empty for one mean and variance for
     *                 the whole tensor
     * @param mean     the means: shape = the input's sizes along {@code keepAxes} (a scalar shape
     *                 {@code []} when none)
     * @param variance the variances, the shape of {@code mean}
     * @param invert   true for Keras's {@code invert=True} (undoes a normalisation)
     * @param count    for an adapted layer, whose statistics are its weights: Keras's third weight,
     *                 the number of samples adapted on (a scalar; only listed by {@link #weights()},
     *                 so parameter counts match Keras); null when the statistics came from the config
     */
    public Normalization(String name, int rank, int[] keepAxes, Tensor mean, Tensor variance, boolean invert, Tensor count) {
        super(name);
        this.rank = rank;
        this.keepAxes = keepAxes.clone();
        for (int i = 0; i < keepAxes.length; i++) {
            if (keepAxes[i] < 1 || keepAxes[i] >= rank || (i > 0 && keepAxes[i] <= keepAxes[i - 1])) {
                throw new IllegalArgumentException(describe() + ": kept axes " + Arrays.toString(keepAxes)
                        + " must be sorted, distinct and in [1, " + rank + ") for a rank-" + rank + " input");
            }
        }
        if (mean == null || variance == null) throw new IllegalArgumentException(describe() + ": mean and variance are required");
        if (!Arrays.equals(mean.shape(), variance.shape()) || mean.rank() != keepAxes.length) {
            throw new IllegalArgumentException(describe() + ": mean " + Shapes.toString(mean.shape()) + " and variance "
                    + Shapes.toString(variance.shape()) + " must both have one axis per kept axis " + Arrays.toString(keepAxes));
        }
        this.keepSizes = mean.shape();
        this.mean = mean.data().clone();
        this.variance = variance.data().clone();
        this.std = new float[this.variance.length];
        for (int i = 0; i < std.length; i++) std[i] = Math.max((float) Math.sqrt(this.variance[i]), EPSILON);
        this.invert = invert;
        this.weights = count != null
                ? new Weight[] {Weight.frozen("mean", Tensor.of(this.mean.clone(), keepSizes)),
                        Weight.frozen("variance", Tensor.of(this.variance.clone(), keepSizes)), Weight.frozen("count", count)}
                : new Weight[0];
    }

    @Override public String kerasClass() { return "Normalization"; }

    /** {@return the kept axes (a copy)} */
    public int[] keepAxes() { return keepAxes.clone(); }

    /** {@return the means, flat, in the order of the kept axes (a copy)} */
    public float[] mean() { return mean.clone(); }

    /** {@return the variances, flat (a copy)} */
    public float[] variance() { return variance.clone(); }

    /** {@return true for {@code invert=True}} */
    public boolean invert() { return invert; }

    /** {@return the divisor per statistic, max(√variance, 1e-7) rounded to float (a copy)} */
    public float[] std() { return std.clone(); }

    @Override
    public java.util.List<Weight> weights() { return java.util.List.of(weights); }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, rank);
        for (int i = 0; i < keepAxes.length; i++) {
            int d = in[keepAxes[i]];
            if (d >= 0 && d != keepSizes[i]) {
                throw new IllegalArgumentException(describe() + ": axis " + keepAxes[i] + " of input " + Shapes.toString(in)
                        + " has size " + d + " but the statistics have " + keepSizes[i]);
            }
        }
        return in.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        int[] statOf = statIndex(shape);
        int period = statOf.length;                 // the statistic index repeats with this period
        // the statistics laid out for a run of whole periods about 256 long (an RGB input's period
        // is 3): one straight loop per run, which C2 vectorises, instead of one per period
        int reps = Math.max(1, 256 / period), run = period * reps;
        float[] m = new float[run], d = new float[run];
        for (int j = 0; j < run; j++) {
            m[j] = mean[statOf[j % period]];
            d[j] = std[statOf[j % period]];
        }
        for (int o = 0; o < x.length; o += run) {
            int len = Math.min(run, x.length - o);     // a whole number of periods
            if (invert) {
                for (int j = 0; j < len; j++) y[o + j] = m[j] + x[o + j] * d[j];
            } else {
                for (int j = 0; j < len; j++) y[o + j] = (x[o + j] - m[j]) / d[j];
            }
        }
        return Tensor.of(y, shape);
    }

    /**
     * The statistic index of each flat position of the trailing block that starts at the first kept
     * axis (the pattern repeats along the axes before it). Length 1 when no axis is kept.
     */
    private int[] statIndex(int[] shape) {
        if (keepAxes.length == 0) return new int[1];
        int first = keepAxes[0];
        int len = 1;
        for (int d = first; d < shape.length; d++) len *= shape[d];
        int[] out = new int[len];
        int[] coord = new int[shape.length];
        for (int i = 0; i < len; i++) {
            int s = 0;
            for (int k = 0; k < keepAxes.length; k++) s = s * keepSizes[k] + coord[keepAxes[k]];
            out[i] = s;
            for (int d = shape.length - 1; d >= first; d--) {
                if (++coord[d] < shape[d]) break;
                coord[d] = 0;
            }
        }
        return out;
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
