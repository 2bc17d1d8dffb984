package org.convscope.layers;

import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * One inference layer with Keras's semantics. Implementations are immutable after construction
 * and safe to call from several threads at once: {@link #forward} keeps no state between calls and
 * allocates its own output. (The weight tensors a layer hands out share its arrays; do not modify
 * them.)
 *
 * <p>Shapes include the batch axis first; a batch of -1 means "unknown" (Keras's None).
 */
public interface Layer {
    /** {@return the layer's name (unique inside a model)} */
    String name();

    /** {@return the Keras class this layer implements, for example {@code "Conv2D"}} */
    String kerasClass();

    /** {@return how many inputs {@link #forward} takes; -1 for "two or more" (merge layers)} */
    default int arity() { return 1; }

    /**
     * The output shape for these input shapes, or an IllegalArgumentException naming the layer.
     *
     * @param inputShapes one shape per input, batch first, -1 for unknown
     * @return the output shape for these input shapes, or an IllegalArgumentException naming the layer
     */
    int[] outputShape(List<int[]> inputShapes);

    /**
     * Computes the output. Never mutates the inputs.
     *
     * @param inputs one tensor per input, batch first (not modified)
     * @return Computes the output
     */
    Tensor forward(List<Tensor> inputs);

    /** {@return the layer's weights in Keras's order (empty for a layer without any)} */
    default List<Weight> weights() { return List.of(); }

    /**
     * The kernel path this layer takes on the calling thread's engine, as the engine's path planner
     * chose it (for example {@code winograd F(4x4,3x3) 12x32} or {@code im2col 6x16}); null for a
     * layer that has one way of computing.
     *
     * @return the path, or null
     */
    default String kernelPath() { return null; }

    /**
     * Whether this layer computes each image of a batch from that image alone, so that the engine
     * may cut a batch into parts and run them on separate threads (the batch split). False unless a
     * layer says so: a layer that mixes images (a softmax over the batch axis, say), a nested model
     * or an unknown layer keeps a graph's batches whole.
     *
     * @param inputRank the rank of the layer's first input (to resolve negative axes)
     * @return true when every output image depends on the same input image only
     */
    default boolean perImage(int inputRank) { return false; }
}
