package org.convscope.grad;

import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * Layers that only rearrange or pass values through (Flatten, Reshape, and the identity layers
 * Dropout, SpatialDropout2D, GaussianNoise, GaussianDropout, ActivityRegularization at inference): the
 * gradient is the output gradient with the input's shape (row-major order is unchanged).
 */
public final class ReshapeGradient implements SingleInputGradient<Layer> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, registered for Flatten, Reshape and the identity layers.
     */
    public ReshapeGradient() {}

    @Override
    public Tensor backward(Layer l, Tensor x, Tensor y, Tensor g) {
        return g.reshape(x.shape());
    }
}
