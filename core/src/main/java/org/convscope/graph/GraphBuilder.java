package org.convscope.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;

/**
 * Builds a {@link Graph}: declare inputs, add layers with the names of the nodes that feed them
 * (in any order), name the outputs, then {@link #build()} sorts the nodes topologically and checks
 * every shape. For a Sequential model, {@link #then(Layer)} feeds each layer from the previous one.
 */
public final class GraphBuilder {
    private final String name;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private String last;

    GraphBuilder(String name) { this.name = name; }

    /**
     * Declares an input of the given shape (batch first; -1 for unknown dimensions).
     *
     * @param inputName the input node's name
     * @param shape batch first, -1 for unknown
     * @return this builder
     */
    public GraphBuilder input(String inputName, int... shape) {
        if (shape == null) {
            throw new IllegalArgumentException("model '" + name + "': input '" + inputName + "' needs a shape (batch first, -1 for unknown)");
        }
        add(new Node(inputName, new InputLayer(inputName, shape), List.of()));
        inputs.add(inputName);
        return this;
    }

    /**
     * Adds a layer as a node named after the layer, fed by the named nodes.
     *
     * @param inbound the names of the nodes that feed it, in order
     * @param layer the layer
     * @return this builder
     */
    public GraphBuilder add(Layer layer, String... inbound) {
        return add(new Node(layer.name(), layer, List.of(inbound)));
    }

    /**
     * Adds a node (use a distinct node name for a layer applied a second time).
     *
     * @param node the node
     * @return this builder
     */
    public GraphBuilder add(Node node) {
        if (nodes.containsKey(node.name())) {
            throw new IllegalArgumentException("model '" + name + "': two layers named '" + node.name() + "'");
        }
        nodes.put(node.name(), node);
        last = node.name();
        return this;
    }

    /**
     * Sequential style: adds a layer fed by the node added last.
     *
     * @param layer the layer
     * @return this builder
     */
    public GraphBuilder then(Layer layer) {
        if (last == null) throw new IllegalArgumentException("model '" + name + "': declare an input before " + layer.name());
        return add(layer, last);
    }

    /**
     * Declares the model outputs (default: the node added last).
     *
     * @param names output node names
     * @return this builder
     */
    public GraphBuilder outputs(String... names) {
        outputs.addAll(List.of(names));
        return this;
    }

    /**
     * Checks and builds the graph.
     *
     * @return the graph (immutable)
     */
    public Graph build() {
        if (inputs.isEmpty()) throw new IllegalArgumentException("model '" + name + "' has no input");
        List<String> outs = outputs.isEmpty() ? List.of(last) : outputs;
        for (Node n : nodes.values()) {
            for (String s : n.inbound()) {
                if (!nodes.containsKey(s)) {
                    throw new IllegalArgumentException("model '" + name + "': layer '" + n.name() + "' is fed by unknown layer '" + s + "'");
                }
            }
            int arity = n.layer().arity();
            if (!(n.layer() instanceof InputLayer)) {
                int k = n.inbound().size();
                if ((arity >= 0 && k != arity) || (arity < 0 && k < 2)) {
                    throw new IllegalArgumentException("model '" + name + "': layer '" + n.name() + "' (" + n.layer().kerasClass()
                            + ") takes " + (arity < 0 ? "two or more" : String.valueOf(arity)) + " inputs, got " + k);
                }
            }
        }
        for (String o : outs) {
            if (!nodes.containsKey(o)) throw new IllegalArgumentException("model '" + name + "': output '" + o + "' is not a layer");
        }
        // Kahn's algorithm, stable with respect to insertion order.
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (Node n : nodes.values()) {
            indegree.put(n.name(), n.inbound().size());
            for (String s : n.inbound()) consumers.computeIfAbsent(s, k -> new ArrayList<>()).add(n.name());
        }
        List<Node> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (order.size() < nodes.size() && progress) {
            progress = false;
            for (Node n : nodes.values()) {
                if (!done.contains(n.name()) && indegree.get(n.name()) == 0) {
                    order.add(n);
                    done.add(n.name());
                    for (String c : consumers.getOrDefault(n.name(), List.of())) indegree.merge(c, -1, Integer::sum);
                    progress = true;
                }
            }
        }
        if (order.size() < nodes.size()) {
            List<String> cyc = new ArrayList<>();
            for (String s : nodes.keySet()) if (!done.contains(s)) cyc.add(s);
            throw new IllegalArgumentException("model '" + name + "' has a cycle through " + cyc);
        }
        return new Graph(name, order, inputs, outs);
    }
}
