package org.convscope.grad;

import java.util.List;
import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * A scalar function J of the activations of one or more nodes of a graph, with its gradient: what
 * gradient ascent maximises and saliency differentiates. See {@link Objectives} for the usual ones.
 *
 * <p>{@link Backprop} runs the graph up to {@link #layers()}, evaluates {@link #value} and seeds the
 * backward pass with {@link #gradient}. An objective is used by every step of an ascent and may be
 * shared by threads, so implementations should be immutable; the ones from {@link Objectives} are.
 */
public interface Objective {
    /**
     * The nodes J reads.
     *
     * @return the names of the nodes whose activations J depends on
     */
    List<String> layers();

    /**
     * Evaluates J.
     *
     * @param activations activations keyed by node name; holds at least {@link #layers()} (other
     *                    entries are ignored); not modified
     * @return J for these activations
     * @throws IllegalArgumentException when a node J reads is missing or its activation has a shape
     *                                  J cannot use
     */
    double value(Map<String, Tensor> activations);

    /**
     * The gradient of J with respect to the activations it reads.
     *
     * @param activations activations keyed by node name, as for {@link #value}; not modified
     * @return dJ/d(activation) for each node of {@link #layers()}, each with that node's shape; the
     *         tensors may be shared (for example a weight tensor) and are not to be modified
     * @throws IllegalArgumentException when a node J reads is missing or its activation has a shape
     *                                  J cannot use
     */
    Map<String, Tensor> gradient(Map<String, Tensor> activations);

    /**
     * A description for people.
     *
     * @return a short description, for example {@code "mean of channel 3 of 'conv2'"}
     */
    String describe();
}
