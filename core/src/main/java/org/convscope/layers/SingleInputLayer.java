package org.convscope.layers;

import java.util.List;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/** Base class of layers with exactly one input. */
public abstract class SingleInputLayer implements Layer {
    private final String name;

    /**
     * A layer of that name.
     * @param name the layer's name, unique in its model
     */
    protected SingleInputLayer(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": a layer needs a name");
        this.name = name;
    }

    @Override public final String name() { return name; }

    @Override
    public final int[] outputShape(List<int[]> inputShapes) {
        requireOne(inputShapes.size());
        return outputShape(inputShapes.get(0));
    }

    @Override
    public final Tensor forward(List<Tensor> inputs) {
        requireOne(inputs.size());
        return forward(inputs.get(0));
    }

    /**
     * Output shape for one input shape (batch first, may be -1).
     *
     * @param inputShape batch first, -1 for unknown
     * @return the output shape
     */
    public abstract int[] outputShape(int[] inputShape);

    /**
     * The computation on one input.
     *
     * @param input the input, batch first (not modified)
     * @return the output, a new tensor (or the input itself for layers that change nothing)
     */
    public abstract Tensor forward(Tensor input);

    private void requireOne(int n) {
        if (n != 1) throw new IllegalArgumentException(describe() + " takes 1 input, got " + n);
    }

    /**
     * "Conv2D 'conv1'", for error messages.
     *
     * @return the layer's class and name, for error messages
     */
    protected String describe() {
        String d = description;                     // made once: layers name themselves on every call's checks
        if (d == null) description = d = kerasClass() + " '" + name + "'";
        return d;
    }

    private String description;                     // a benign race: any copy is equal

    /**
     * Throws an error naming this layer unless the input has {@code rank} dimensions.
     *
     * @param rank the required rank
     * @param shape the input shape
     */
    protected void requireRank(int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(describe() + " expects a rank-" + rank + " input, got shape " + Shapes.toString(shape));
        }
    }
}
