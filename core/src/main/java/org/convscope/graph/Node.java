package org.convscope.graph;

import java.util.List;
import org.convscope.layers.Layer;

/**
 * One application of a layer in a graph. {@code name} is what callers ask for in
 * {@link Graph#run}; it is the layer's name for a layer's first (usually only) application.
 */
public record Node(String name, Layer layer, List<String> inbound) {
    public Node {
        inbound = List.copyOf(inbound);
    }
}
