package org.convscope.explain;

import java.util.List;

/**
 * The explanation of every node of a model, in execution order, with totals.
 *
 * @param model       the model's name
 * @param layers      one entry per graph node (inputs first)
 * @param totalParams parameters of all distinct layers (equal to Keras's "Total params")
 * @param totalFlops  FLOPs per image (2 × multiply-adds of the convolution and dense layers)
 */
public record ModelExplanation(String model, List<LayerExplanation> layers, long totalParams, long totalFlops) {
    /**
     * Copies the list of layers, so that the explanation is immutable.
     *
     * @throws NullPointerException if {@code layers} is null or holds null
     */
    public ModelExplanation {
        layers = List.copyOf(layers);
    }

    /**
     * {@return the explanation of one node}
     *
     * @param name the node's name, as in the model
     * @throws IllegalArgumentException if there is no such node; the message lists every node's name
     */
    public LayerExplanation layer(String name) {
        for (LayerExplanation l : layers) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("model '" + model + "' has no layer '" + name + "'; its layers are: "
                + String.join(", ", layers.stream().map(LayerExplanation::name).toList()));
    }

    /** {@return the whole explanation as a plain-text table, see {@link ExplainTable#render}} */
    public String render() { return ExplainTable.render(this); }
}
