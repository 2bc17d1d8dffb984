package org.convscope.layers;

import java.util.ArrayList;
import java.util.List;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's BatchNormalization at inference, on one axis (the channels, usually −1 / 3):
 * <pre>
 *   y = (x − moving_mean) / √(moving_variance + ε) · γ + β
 *     = x · scale + shift,   scale = γ / √(var + ε),   shift = β − mean · scale
 * </pre>
 * {@code scale} and {@code shift} are computed once, in double, in the constructor, and exposed so
 * that the engine can fold them into the preceding convolution. With {@code scale=False} γ is
 * absent (taken as 1), with {@code center=False} β is absent (taken as 0).
 */
public final class BatchNormalization extends SingleInputLayer {
    private final int axis;
    private final float epsilon;
    private final Tensor gamma, beta, movingMean, movingVariance;
    private final float[] scale, shift;

    /**
     * Inference-time batch normalisation with the stored moving statistics.
     *
     * @param axis  the normalised axis; negative counts from the end (Keras's default −1)
     * @param gamma null when {@code scale=False}
     * @param beta  null when {@code center=False}
     * @param epsilon added to the variance
     * @param movingMean the moving mean, one value per channel
     * @param movingVariance the moving variance, one value per channel
     * @param name the layer's name, unique in its model
     */
    public BatchNormalization(String name, int axis, float epsilon, Tensor gamma, Tensor beta, Tensor movingMean,
                              Tensor movingVariance) {
        super(name);
        if (movingMean == null || movingVariance == null) {
            throw new IllegalArgumentException(describe() + ": moving_mean and moving_variance are required");
        }
        int c = requireVector("moving_mean", movingMean, -1);
        requireVector("moving_variance", movingVariance, c);
        if (gamma != null) requireVector("gamma", gamma, c);
        if (beta != null) requireVector("beta", beta, c);
        if (!(epsilon >= 0)) throw new IllegalArgumentException(describe() + ": epsilon must be >= 0, got " + epsilon);
        this.axis = axis;
        this.epsilon = epsilon;
        this.gamma = gamma;
        this.beta = beta;
        this.movingMean = movingMean;
        this.movingVariance = movingVariance;
        this.scale = new float[c];
        this.shift = new float[c];
        for (int i = 0; i < c; i++) {
            double g = gamma == null ? 1 : gamma.data()[i];
            double b = beta == null ? 0 : beta.data()[i];
            double s = g / Math.sqrt((double) movingVariance.data()[i] + epsilon);
            scale[i] = (float) s;
            shift[i] = (float) (b - movingMean.data()[i] * s);
        }
    }

    private int requireVector(String what, Tensor t, int length) {
        if (t.rank() != 1 || (length >= 0 && t.dim(0) != length)) {
            throw new IllegalArgumentException(describe() + ": " + what + " must have shape ("
                    + (length >= 0 ? length : "channels") + ",), got " + Shapes.toString(t.shape()));
        }
        return t.dim(0);
    }

    @Override public String kerasClass() { return "BatchNormalization"; }

    /** {@return number of channels on the normalised axis} */
    public int channels() { return scale.length; }

    @Override
    public int[] outputShape(int[] in) {
        int a = resolvedAxis(in);
        if (in[a] >= 0 && in[a] != channels()) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " of input " + Shapes.toString(in)
                    + " has " + in[a] + " channels, the weights have " + channels());
        }
        return in.clone();
    }

    private int resolvedAxis(int[] in) {
        int a = axis < 0 ? axis + in.length : axis;
        if (a < 0 || a >= in.length) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for input " + Shapes.toString(in));
        }
        return a;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        int a = resolvedAxis(shape), c = channels(), inner = 1;
        for (int i = a + 1; i < shape.length; i++) inner *= shape[i];
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        if (inner == 1) {                      // channels last: the common case, large ones on all threads
            Gemms.parallelRange(x.length, c, (from, to) -> {
                for (int i = from; i < to; i += c) {
                    for (int ch = 0; ch < c; ch++) y[i + ch] = x[i + ch] * scale[ch] + shift[ch];
                }
            });
        } else {
            for (int i = 0; i < x.length; i++) {
                int ch = (i / inner) % c;
                y[i] = x[i] * scale[ch] + shift[ch];
            }
        }
        return Tensor.of(y, shape);
    }

    /** {@code gamma} (if scale), {@code beta} (if center), {@code moving_mean}, {@code moving_variance}. */
    @Override
    public List<Weight> weights() {
        List<Weight> w = new ArrayList<>();
        if (gamma != null) w.add(Weight.trainable("gamma", gamma));
        if (beta != null) w.add(Weight.trainable("beta", beta));
        w.add(Weight.frozen("moving_mean", movingMean));
        w.add(Weight.frozen("moving_variance", movingVariance));
        return List.copyOf(w);
    }

    /** {@return the axis as given (may be negative)} */
    public int axis() { return axis; }
    /**
     * The ε added to the variance.
     * @return ε
     */
    public float epsilon() { return epsilon; }
    /** {@return γ, or null when {@code scale=False}} */
    public Tensor gamma() { return gamma; }
    /** {@return β, or null when {@code center=False}} */
    public Tensor beta() { return beta; }
    /**
     * The moving mean.
     * @return the moving mean (do not modify)
     */
    public Tensor movingMean() { return movingMean; }
    /**
     * The moving variance.
     * @return the moving variance (do not modify)
     */
    public Tensor movingVariance() { return movingVariance; }
    /** {@return per-channel multiplier γ/√(var + ε) (a copy)} */
    public float[] scale() { return scale.clone(); }
    /** {@return per-channel offset β − mean·γ/√(var + ε) (a copy)} */
    public float[] shift() { return shift.clone(); }

    @Override public String toString() { return describe() + " axis " + axis + " epsilon " + epsilon + " channels " + channels(); }

    /** Per image unless {@code axis} is the batch axis. */
    @Override
    public boolean perImage(int inputRank) { return (axis < 0 ? axis + inputRank : axis) != 0; }
}
