package org.convscope.viz.model;

import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.tensor.Shapes;

/**
 * A model ready to show: its display name, its graph, its summary text and its class names
 * (empty when unknown). Immutable, like the graph; share it between threads freely.
 *
 * @param name       the display name, usually the file name
 * @param graph      the model
 * @param summary    Keras-style {@code model.summary()} text
 * @param classNames the output classes in order (index i = output i), or empty when unknown
 */
public record LoadedModel(String name, Graph graph, String summary, List<String> classNames) {
    /**
     * Copies the class names.
     *
     * @throws NullPointerException if {@code classNames} is null or holds null
     */
    public LoadedModel {
        classNames = List.copyOf(classNames);
    }

    /** {@return the shape of the graph's first input, batch first (-1 = any)} */
    public int[] inputShape() {
        return graph.shapeOf(graph.inputNames().get(0));
    }

    /** {@return the input shape as text, e.g. {@code (None, 64, 64, 1)}} */
    public String inputDescription() {
        return Shapes.toString(inputShape());
    }
}
