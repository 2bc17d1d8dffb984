package org.convscope.layers;

import org.convscope.activation.SoftmaxActivation;
import org.convscope.tensor.Shapes;

/** Keras's Softmax layer: softmax along {@code axis} (default −1), max-subtracted for stability. */
public final class Softmax extends ActivationLayer {
    private final int axis;

    /**
     * Keras's {@code Softmax} layer.
     *
     * @param axis negative counts from the end; the batch axis is 0
     * @param name the layer's name, unique in its model
     */
    public Softmax(String name, int axis) {
        super(name, new SoftmaxActivation(axis, false));
        this.axis = axis;
    }

    @Override public String kerasClass() { return "Softmax"; }

    /**
     * The axis as given.
     * @return the axis (may be negative)
     */
    public int axis() { return axis; }

    @Override
    public int[] outputShape(int[] in) {
        int a = axis < 0 ? axis + in.length : axis;
        if (a < 0 || a >= in.length) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for input " + Shapes.toString(in));
        }
        return in.clone();
    }

    @Override
    public org.convscope.tensor.Tensor forward(org.convscope.tensor.Tensor input) {
        outputShape(input.shape());
        return super.forward(input);
    }

    /** Per image unless {@code axis} is the batch axis. */
    @Override
    public boolean perImage(int inputRank) { return (axis < 0 ? axis + inputRank : axis) != 0; }
}
