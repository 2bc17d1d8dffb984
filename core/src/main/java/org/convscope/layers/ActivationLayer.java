package org.convscope.layers;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.activation.Linear;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * Keras's {@code Activation} layer, and the base of the layers that are an activation function
 * with parameters (ReLU, LeakyReLU, ELU, ThresholdedReLU, Softmax): the output has the input's
 * shape and is {@code activation(x)}. {@link #activation()} lets the engine fuse elementwise ones
 * into a preceding layer.
 */
public class ActivationLayer extends SingleInputLayer {
    private final Activation activation;

    /**
     * A layer that applies an activation function (Keras's {@code Activation} layer).
     *
     * @param activation the function; null means linear
     * @param name the layer's name, unique in its model
     */
    public ActivationLayer(String name, Activation activation) {
        super(name);
        this.activation = activation == null ? Linear.INSTANCE : activation;
    }

    @Override public String kerasClass() { return "Activation"; }

    /** {@return the function this layer applies (never null)} */
    public Activation activation() { return activation; }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    /** An elementwise activation of a large tensor runs on all the engine's threads ({@link Gemms#parallelRange}). */
    @Override
    public Tensor forward(Tensor input) {
        if (!(activation instanceof ElementwiseActivation e)) return activation.apply(input);
        float[] in = input.data(), out = ActivationArena.floats(in.length);
        Gemms.parallelRange(in.length, 16, (from, to) -> {
            System.arraycopy(in, from, out, from, to - from);
            e.applyInPlace(out, from, to);
        });
        return Tensor.of(out, input.shape());
    }

    @Override public String toString() { return describe() + " " + activation; }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
