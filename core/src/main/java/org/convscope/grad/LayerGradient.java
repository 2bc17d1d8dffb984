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
 * @param <L> the layer class
 */
@FunctionalInterface
public interface LayerGradient<L extends Layer> {
    /**
     * @param layer          the layer
     * @param inputs         the tensors the forward pass was given (same order as the node's inbound)
     * @param output         what the forward pass returned for those inputs
     * @param outputGradient dJ/d(output), same shape as {@code output}
     * @return dJ/d(input) for each input, each with that input's shape
     */
    List<Tensor> backward(L layer, List<Tensor> inputs, Tensor output, Tensor outputGradient);
}
