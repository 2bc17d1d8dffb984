package org.convscope.layers;

import java.util.List;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * ConvNeXt's {@code LayerScale} (defined in Keras's own {@code keras.src.applications.convnext}):
 * {@code y = x · γ}, one trained γ per channel of the last axis. Keras's config also carries
 * {@code init_values}, the value γ started from before training; the model computes with the γ
 * weight, which is what this layer holds.
 */
public final class LayerScale extends SingleInputLayer {
    private final Tensor gamma;
    private final float[] g;

    /**
     * A LayerScale.
     *
     * @param name  the layer's name, unique in its model
     * @param gamma the per-channel scale, shape {@code (channels)}
     */
    public LayerScale(String name, Tensor gamma) {
        super(name);
        if (gamma == null || gamma.rank() != 1 || gamma.size() == 0) {
            throw new IllegalArgumentException(describe() + ": gamma must be a non-empty vector, got "
                    + (gamma == null ? "null" : Shapes.toString(gamma.shape())));
        }
        this.gamma = gamma;
        this.g = gamma.data().clone();
    }

    @Override public String kerasClass() { return "LayerScale"; }

    /** {@return γ (a copy)} */
    public float[] gamma() { return g.clone(); }

    @Override public List<Weight> weights() { return List.of(Weight.trainable("gamma", gamma)); }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length < 2 || (in[in.length - 1] >= 0 && in[in.length - 1] != g.length)) {
            throw new IllegalArgumentException(describe() + ": " + g.length + " scales do not fit the last axis of input " + Shapes.toString(in));
        }
        return in.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        int c = g.length;
        for (int i = 0; i < x.length; i += c) for (int j = 0; j < c; j++) y[i + j] = x[i + j] * g[j];
        return Tensor.of(y, shape);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
