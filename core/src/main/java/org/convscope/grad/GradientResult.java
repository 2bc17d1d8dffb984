package org.convscope.grad;

import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * What a backward pass returns: the objective's value, the activations that were asked for, and
 * the gradients dJ/d(node) for the graph inputs and any node that was asked for.
 */
public record GradientResult(double value, Map<String, Tensor> activations, Map<String, Tensor> gradients) {
    public GradientResult {
        activations = Map.copyOf(activations);
        gradients = Map.copyOf(gradients);
    }

    /** dJ/d(node); the error lists what is available. */
    public Tensor gradient(String node) {
        Tensor g = gradients.get(node);
        if (g == null) throw new IllegalArgumentException("no gradient for '" + node + "'; available: " + gradients.keySet());
        return g;
    }

    /** The activation of a node that was asked for. */
    public Tensor activation(String node) {
        Tensor a = activations.get(node);
        if (a == null) throw new IllegalArgumentException("no activation kept for '" + node + "'; available: " + activations.keySet());
        return a;
    }
}
