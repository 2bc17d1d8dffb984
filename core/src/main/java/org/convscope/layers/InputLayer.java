package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/** A model input: checks the shape of what is fed in (batch may be anything). */
public final class InputLayer extends SingleInputLayer {
    private final int[] shape;

    /** @param shape the full shape with batch first; -1 marks unknown dimensions. */
    public InputLayer(String name, int[] shape) {
        super(name);
        this.shape = shape.clone();
    }

    @Override public String kerasClass() { return "InputLayer"; }

    /** The declared shape (batch first, -1 for unknown). */
    public int[] shape() { return shape.clone(); }

    @Override public int[] outputShape(int[] inputShape) { return check(inputShape); }

    @Override
    public Tensor forward(Tensor input) {
        check(input.shape());
        return input;
    }

    private int[] check(int[] given) {
        boolean ok = given.length == shape.length;
        for (int i = 1; ok && i < shape.length; i++) ok = shape[i] < 0 || shape[i] == given[i];
        if (!ok) {
            throw new IllegalArgumentException("input '" + name() + "' expects shape " + Shapes.toString(shape)
                    + ", got " + Shapes.toString(given));
        }
        return given.clone();
    }

    @Override public String toString() { return "InputLayer " + name() + Arrays.toString(shape); }
}
