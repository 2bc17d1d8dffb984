package org.convscope.grad;

import java.util.List;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * The backward rule of one kind of layer: given what the forward pass saw and the gradient of a
 * scalar objective with respect to the layer's output, returns the gradient with respect to each
 * input. Weights are frozen (no weight gradients). Implementations are stateless and thread-safe,
 * and must not modify their arguments (they may return {@code outputGradient} itself, or a reshape
 * of it, when the layer is the identity on values).
 *
 * <p>By the chain rule, for output y = f(x) and objective J: dJ/dx[i] = Σ_j dJ/dy[j] · ∂y[j]/∂x[i],
 * that is the vector-Jacobian product gᵀ·J_f. Every implementation computes that product without
 * forming the Jacobian.
 *
 * <p>Rules are looked up in {@link LayerGradients} by layer class; {@link Backprop} calls them in
 * reverse topological order and adds up the contributions of a node's several consumers.
 *
 * @param <L> the layer class
 */
@FunctionalInterface
public interface LayerGradient<L extends Layer> {
    /**
     * The vector-Jacobian product of the layer: dJ/d(input) for every input, from what the forward
     * pass saw and dJ/d(output). The layer's weights are only read.
     *
     * @param layer          the layer whose forward pass is differentiated
     * @param inputs         the tensors the forward pass was given (same order as the node's inbound)
     * @param output         what the forward pass returned for those inputs
     * @param outputGradient dJ/d(output), same shape as {@code output}
     * @return dJ/d(input) for each input, in the order of {@code inputs}, each with that input's shape.
     *         A returned tensor may share its data with {@code outputGradient}, so callers treat
     *         the results as read-only
     * @throws IllegalArgumentException when the number or the shapes of the tensors do not fit the
     *                                  layer
     */
    List<Tensor> backward(L layer, List<Tensor> inputs, Tensor output, Tensor outputGradient);
}
