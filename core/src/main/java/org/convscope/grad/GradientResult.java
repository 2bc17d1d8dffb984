package org.convscope.grad;

import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * What a backward pass returns: the objective's value, the activations that were asked for, and
 * the gradients dJ/d(node) for the graph inputs and any node that was asked for.
 *
 * <p>Immutable: both maps are unmodifiable copies. The tensors in them are shared, not copied, and
 * are to be treated as read-only.
 *
 * @param value       the objective J at the given input
 * @param activations the activations kept, keyed by node name: those of the nodes the objective
 *                    reads and of the nodes asked for in {@code alsoAt}
 * @param gradients   dJ/d(node) keyed by node name, each with the shape of that node's activation:
 *                    every graph input the pass ran (zeros where J does not depend on it) and every
 *                    node asked for in {@code alsoAt}
 * @see Backprop#compute(org.convscope.graph.Graph, Map, Objective, java.util.Collection)
 */
public record GradientResult(double value, Map<String, Tensor> activations, Map<String, Tensor> gradients) {
    /**
     * Keeps unmodifiable copies of both maps.
     *
     * @throws NullPointerException when a map, or a key or value in it, is null
     */
    public GradientResult {
        activations = Map.copyOf(activations);
        gradients = Map.copyOf(gradients);
    }

    /**
     * The gradient of the objective with respect to one node's activation.
     *
     * @param node a graph input's name, or a node that was asked for
     * @return dJ/d(node), with the shape of the node's activation
     * @throws IllegalArgumentException naming the node and listing the available ones when there is
     *                                  no gradient for it
     */
    public Tensor gradient(String node) {
        Tensor g = gradients.get(node);
        if (g == null) throw new IllegalArgumentException("no gradient for '" + node + "'; available: " + gradients.keySet());
        return g;
    }

    /**
     * The activation of a node that was kept.
     *
     * @param node a node the objective reads, or one that was asked for
     * @return its activation, as the forward pass computed it
     * @throws IllegalArgumentException naming the node and listing the kept ones when its activation
     *                                  was not kept
     */
    public Tensor activation(String node) {
        Tensor a = activations.get(node);
        if (a == null) throw new IllegalArgumentException("no activation kept for '" + node + "'; available: " + activations.keySet());
        return a;
    }
}
