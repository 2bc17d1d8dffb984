package org.convscope.graph;

import java.util.List;
import org.convscope.layers.Layer;

/**
 * One application of a layer in a graph. {@code name} is what callers ask for in
 * {@link Graph#run}; it is the layer's name for a layer's first (usually only) application.
 *
 * @param inbound the names of the nodes that feed it, in input order
 * @param layer the layer applied
 * @param name the node's name
 */
public record Node(String name, Layer layer, List<String> inbound) {
    /** Copies the inbound list. */
    public Node {
        inbound = List.copyOf(inbound);
    }
}
