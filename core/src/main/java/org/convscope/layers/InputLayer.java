package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/** A model input: checks the shape of what is fed in (batch may be anything). */
public final class InputLayer extends SingleInputLayer {
    private final int[] shape;

    /**
     * A model input.
     *
     * @param shape the full shape with batch first; -1 marks unknown dimensions.
     * @param name the layer's name, unique in its model
     */
    public InputLayer(String name, int[] shape) {
        super(name);
        this.shape = shape.clone();
    }

    @Override public String kerasClass() { return "InputLayer"; }

    /** {@return the declared shape (batch first, -1 for unknown)} */
    public int[] shape() { return shape.clone(); }

    /**
     * The declared shape refined by what is given: a dimension unknown on one side takes the other
     * side's value. Known dimensions must agree (the batch may be anything).
     */
    @Override
    public int[] outputShape(int[] inputShape) {
        boolean ok = inputShape.length == shape.length;
        int[] out = inputShape.clone();
        for (int i = 0; ok && i < shape.length; i++) {
            if (out[i] < 0) out[i] = i == 0 ? -1 : shape[i];
            else ok = i == 0 || shape[i] < 0 || shape[i] == out[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("input '" + name() + "' expects shape " + Shapes.toString(shape)
                    + ", got " + Shapes.toString(inputShape));
        }
        return out;
    }

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

    @Override
    public boolean perImage(int inputRank) { return true; }
}
