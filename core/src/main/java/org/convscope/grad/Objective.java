package org.convscope.grad;

import java.util.List;
import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * A scalar function J of the activations of one or more nodes of a graph, with its gradient: what
 * gradient ascent maximises and saliency differentiates. See {@link Objectives} for the usual ones.
 */
public interface Objective {
    /** The nodes J reads. */
    List<String> layers();

    /** J for these activations (keyed by node name; contains at least {@link #layers()}). */
    double value(Map<String, Tensor> activations);

    /** dJ/d(activation) for each node of {@link #layers()}, each with that node's shape. */
    Map<String, Tensor> gradient(Map<String, Tensor> activations);

    /** A short human description, for example {@code "mean of channel 3 of 'conv2'"}. */
    String describe();
}
