package org.convscope.graph;

import java.util.List;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.layers.Layer;
import org.convscope.layers.Pooling2D;
import org.convscope.tensor.Tensor;

/**
 * The fused end of a residual block, {@code act(pool(x) + shortcut)}: inputs {@code [x, shortcut]},
 * the pooling's output rows summed with the shortcut's as they are written
 * ({@link Pooling2D#forwardAdd}), then the optional elementwise activation. The same operations in
 * the same order as the unfused Pooling2D, Add and Activation layers, so the same bits, without
 * the Add's and the activation's passes over memory.
 */
final class PoolAddLayer implements Layer {
    private final String name;
    private final Pooling2D pool;
    private final ElementwiseActivation act;

    /**
     * @param name the chain's tail, whose output this computes
     * @param pool the chain's pooling layer
     * @param act  the activation after the Add, or null
     */
    PoolAddLayer(String name, Pooling2D pool, ElementwiseActivation act) {
        this.name = name;
        this.pool = pool;
        this.act = act;
    }

    @Override public String name() { return name; }

    @Override public String kerasClass() { return pool.kerasClass() + "+Add"; }

    @Override public int arity() { return 2; }

    @Override
    public int[] outputShape(List<int[]> inputShapes) { return pool.outputShape(inputShapes.subList(0, 1)); }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) throw new IllegalArgumentException(kerasClass() + " '" + name + "' takes 2 inputs, got " + inputs.size());
        return pool.forwardAdd(inputs.get(0), inputs.get(1), act);
    }
}
