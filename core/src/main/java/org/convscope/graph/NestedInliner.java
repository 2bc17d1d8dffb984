package org.convscope.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convscope.layers.Identity;
import org.convscope.layers.InputLayer;

/**
 * Builds {@link Graph#flattened()}: every nested model (a {@link Graph} used as a layer) replaced by
 * its own nodes, named by their {@link LayerPath} ({@code base/inner}, {@code outer/mid/inner}),
 * recursively. A nested model applied at node {@code base} becomes:
 * <ul>
 *   <li>one pass-through node {@code base/<input>} per input of the nested model (Keras class
 *   {@code InputLayer}), fed by what fed {@code base};</li>
 *   <li>its other nodes, renamed {@code base/<node>}, reading the renamed nodes;</li>
 *   <li>a pass-through node {@code base} (Keras class of the nested model) reading the nested
 *   model's output, so every node name of the outer graph stays valid.</li>
 * </ul>
 * The layers are the nested models' own objects (no weight is copied); a model applied twice
 * ({@code base}, {@code base:1}) is inlined twice, over the same layers. Multi-output nested models
 * (which a graph cannot use as a layer anyway) are left as they are.
 */
final class NestedInliner {
    private NestedInliner() {}

    /** True when some node of {@code g} runs a single-output nested model. */
    static boolean hasNested(Graph g) {
        for (Node n : g.nodes()) if (inlinable(n)) return true;
        return false;
    }

    private static boolean inlinable(Node n) {
        return n.layer() instanceof Graph inner && inner.outputNames().size() == 1 && inner.inputNames().size() == n.inbound().size();
    }

    /** The flattened graph; {@code g} itself when it holds no nested model. */
    static Graph flatten(Graph g) {
        if (!hasNested(g)) return g;
        List<Node> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Node n : g.nodes()) add(n, out, taken);
        return new Graph(g.name(), out, g.inputNames(), g.outputNames());
    }

    private static void add(Node n, List<Node> out, Set<String> taken) {
        if (!inlinable(n)) {
            put(n, out, taken);
            return;
        }
        Graph inner = (Graph) n.layer();
        String prefix = n.name() + LayerPath.SEPARATOR;
        for (Node m : inner.nodes()) {
            String name = prefix + m.name();
            int input = inner.inputNames().indexOf(m.name());
            if (input >= 0 && m.layer() instanceof InputLayer) {
                put(new Node(name, new Identity(name, "InputLayer"), List.of(n.inbound().get(input))), out, taken);
                continue;
            }
            List<String> inbound = new ArrayList<>();
            for (String s : m.inbound()) inbound.add(prefix + s);
            add(new Node(name, m.layer(), inbound), out, taken);
        }
        put(new Node(n.name(), new Identity(n.name(), inner.kerasClass()), List.of(prefix + inner.outputNames().get(0))), out, taken);
    }

    private static void put(Node n, List<Node> out, Set<String> taken) {
        if (!taken.add(n.name())) {
            throw new IllegalArgumentException("cannot name the layers of nested models by path: two layers would be named '" + n.name() + "'");
        }
        out.add(n);
    }
}
