package org.convscope.internal.conv;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.tensor.Tensor;

/**
 * Splits a layer's activation into the part fused into the computation (an elementwise function,
 * applied while the output block is still in cache) and the part applied afterwards (softmax and
 * other non-elementwise activations).
 */
final class FusedActivation {
    private FusedActivation() {}

    /** The activation if it can be fused, else null (null also for no activation). */
    static ElementwiseActivation fusable(Activation a) {
        return a instanceof ElementwiseActivation e ? e : null;
    }

    /**
     * Whether the activation is plain {@code max(x, 0)}, which the direct and Winograd kernels apply
     * to their vectors right before storing them (no second pass over the output).
     */
    static boolean isPlainRelu(ElementwiseActivation a) {
        return a instanceof org.convscope.activation.Relu r && r.isPlain();
    }

    /** Applies a non-fusable activation to the finished output; returns it unchanged otherwise. */
    static Tensor finish(Tensor out, Activation a) {
        return org.convscope.activation.Activations.applyUnfused(out, a);
    }
}
