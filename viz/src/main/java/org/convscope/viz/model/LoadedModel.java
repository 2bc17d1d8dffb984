package org.convscope.viz.model;

import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.tensor.Shapes;

/**
 * A model ready to show: its display name, its graph, its summary text and its class names
 * (empty when unknown).
 */
public record LoadedModel(String name, Graph graph, String summary, List<String> classNames) {
    public LoadedModel {
        classNames = List.copyOf(classNames);
    }

    /** The input shape, batch first (-1 = any). */
    public int[] inputShape() {
        return graph.shapeOf(graph.inputNames().get(0));
    }

    /** The input as text, e.g. {@code (None, 64, 64, 1)}. */
    public String inputDescription() {
        return Shapes.toString(inputShape());
    }
}
