package org.convscope.graph;

import java.util.List;
import org.convscope.layers.Layer;

/**
 * A chain of nodes {@code head → … → tail} (each the single consumer of the one before) that the
 * graph can run as one precomputed layer: {@code Conv2D|DepthwiseConv2D|SeparableConv2D|Dense →
 * BatchNormalization → activation}, or a part of it with at least two nodes that starts at the
 * convolution; or {@code MaxPooling2D|AveragePooling2D → Add → activation} (a residual block's
 * end), whose Add also reads one other node, an extra input of the chain.
 *
 * @param nodes     the node names, head first
 * @param positions the nodes' positions in the graph's topological order, head first
 * @param fused     the layer computing the tail's output from the head's inputs, then the extra inputs
 * @param extraInputs names of the nodes, outside the chain, that a later node of the chain reads
 */
record FusedChain(List<String> nodes, List<Integer> positions, Layer fused, List<String> extraInputs) {
    FusedChain(List<String> nodes, List<Integer> positions, Layer fused) { this(nodes, positions, fused, List.of()); }

    FusedChain {
        nodes = List.copyOf(nodes);
        positions = List.copyOf(positions);
        extraInputs = List.copyOf(extraInputs);
        if (nodes.size() < 2 || nodes.size() != positions.size()) {
            throw new IllegalArgumentException("a fused chain needs two or more nodes, got " + nodes + " at " + positions);
        }
    }

    /** {@return the head's position: its inbound nodes feed the fused layer} */
    int head() { return positions.get(0); }

    /** {@return the tail's position: the fused layer's output is the tail's output} */
    int tail() { return positions.get(positions.size() - 1); }

    /** {@return the names of the nodes whose outputs the fused layer never materialises: all but the tail} */
    List<String> skipped() { return nodes.subList(0, nodes.size() - 1); }
}
