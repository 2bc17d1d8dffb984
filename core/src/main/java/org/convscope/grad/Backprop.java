package org.convscope.grad;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.InputLayer;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Reverse-mode differentiation of a {@link Graph} with respect to its inputs (weights frozen).
 *
 * <p>How it works: (1) a forward pass over the nodes the objective depends on, in topological
 * order, keeping every activation; (2) the objective's gradient seeds dJ/d(node) at the nodes it
 * reads; (3) the nodes are visited in reverse topological order and each layer's
 * {@link LayerGradient} turns dJ/d(output) into dJ/d(input) for each inbound node. A node read by
 * several consumers (a residual connection, a shared input) receives the sum of their
 * contributions: the multivariable chain rule adds the paths.
 *
 * <p>Only the nodes the objective (and the nodes asked for) depend on are run, and a node's gradient
 * is dropped once it has been passed on, unless it was asked for. Every activation of the forward
 * pass is kept until the call returns, which is the memory cost of a backward pass.
 *
 * <p>Threads: stateless. A {@link Graph} is immutable, and every call allocates its own activations
 * and gradients, so any number of threads may run backward passes on one graph at once. The fed
 * tensors are only read.
 */
public final class Backprop {
    private Backprop() {}

    /**
     * The gradient of {@code objective} with respect to the single input of {@code graph}.
     *
     * @param graph     a model with exactly one input
     * @param input     the value fed to that input, for example an image {@code [1, H, W, C]} in
     *                  the model's input range; not modified
     * @param objective the scalar to differentiate
     * @return J's value, the activations the objective reads, and dJ/d(input) under the input's name
     *         (see {@link GradientResult#gradient})
     * @throws IllegalArgumentException when the model has more than one input, or a layer rejects
     *                                  its input (the message names the model and the layer)
     * @throws NoGradientException      when the backward pass meets a layer, or a fused activation,
     *                                  that has no gradient
     */
    public static GradientResult compute(Graph graph, Tensor input, Objective objective) {
        if (graph.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + graph.name() + "' has " + graph.inputNames().size()
                    + " inputs " + graph.inputNames() + "; use compute(graph, feeds, objective, nodes)");
        }
        return compute(graph, Map.of(graph.inputNames().get(0), input), objective, List.of());
    }

    /**
     * The gradient of {@code objective} with respect to the graph's inputs, plus, for each node named
     * in {@code alsoAt}, its activation and dJ/d(node) (Grad-CAM asks for a conv layer's).
     *
     * @param model     the model; node names may be paths into nested models ({@code base/inner},
     *                  see {@link org.convscope.graph.LayerPath}), which run on its flattened graph
     * @param feeds     input values keyed by input name; must hold every input the objective and the
     *                  {@code alsoAt} nodes depend on (others may be left out); not modified
     * @param objective the scalar to differentiate
     * @param alsoAt    names of further nodes whose activation and gradient to return; may be empty
     * @return J's value; the activations of the objective's nodes and of {@code alsoAt}; and
     *         dJ/d(node) for every graph input that was run and every {@code alsoAt} node (zeros
     *         for a node J does not depend on)
     * @throws IllegalArgumentException when a feed names no input of the model, an input that is
     *                                  needed is not fed, a node name is unknown (the message lists
     *                                  the layers), or a layer rejects its input
     * @throws NoGradientException      when the backward pass meets a layer, or a fused activation,
     *                                  that has no gradient
     */
    public static GradientResult compute(Graph model, Map<String, Tensor> feeds, Objective objective, Collection<String> alsoAt) {
        Graph graph = serving(model, union(objective.layers(), alsoAt));
        Map<String, Tensor> acts = forward(graph, feeds, union(objective.layers(), alsoAt));
        double value = objective.value(acts);
        Map<String, Tensor> seeds = objective.gradient(acts);
        Map<String, Tensor> grads = backward(graph, acts, seeds, alsoAt);
        Map<String, Tensor> keptActs = new LinkedHashMap<>();
        for (String s : union(objective.layers(), alsoAt)) keptActs.put(s, acts.get(s));
        return new GradientResult(value, keptActs, grads);
    }

    /**
     * The vector-Jacobian product: given dJ/d(node) for some nodes ({@code seeds}), returns dJ/d(input)
     * and dJ/d(node) for the nodes in {@code alsoAt}, that is gᵀ·J where J is the Jacobian of the seeded
     * nodes' activations with respect to the inputs. This is how a nested model is differentiated,
     * and how an objective without an {@link Objective} can be backpropagated.
     *
     * @param model  the model (node names may be paths into nested models)
     * @param feeds  input values keyed by input name, as for
     *               {@link #compute(Graph, Map, Objective, Collection)}; not modified
     * @param seeds  dJ/d(node) keyed by node name, each with the shape of that node's activation
     * @param alsoAt names of further nodes whose gradient to return; may be empty
     * @return dJ/d(node) keyed by name for every graph input that was run (in the graph's input
     *         order) and every {@code alsoAt} node; zeros for a node the seeds do not depend on
     * @throws IllegalArgumentException when a feed or node name is unknown, a needed input is not
     *                                  fed, a seed's shape differs from its activation's (both
     *                                  shapes in the message), or a layer rejects its input
     * @throws NoGradientException      when the backward pass meets a layer, or a fused activation,
     *                                  that has no gradient
     */
    public static Map<String, Tensor> vjp(Graph model, Map<String, Tensor> feeds, Map<String, Tensor> seeds, Collection<String> alsoAt) {
        Graph graph = serving(model, union(seeds.keySet(), alsoAt));
        Map<String, Tensor> acts = forward(graph, feeds, union(seeds.keySet(), alsoAt));
        return backward(graph, acts, seeds, alsoAt);
    }

    /** The graph itself, or its flattened graph when a name is a path into a nested model. */
    private static Graph serving(Graph graph, Collection<String> names) {
        Set<String> own = null;
        for (String n : names) {
            if (n == null || !n.contains(org.convscope.graph.LayerPath.SEPARATOR)) continue;
            if (own == null) {
                own = new java.util.HashSet<>();
                for (var node : graph.nodes()) own.add(node.name());
            }
            if (!own.contains(n)) return graph.flattened();
        }
        return graph;
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /** Runs the nodes {@code wanted} depends on and keeps every activation (keyed by node name). */
    static Map<String, Tensor> forward(Graph graph, Map<String, Tensor> feeds, Collection<String> wanted) {
        for (String f : feeds.keySet()) {
            if (!graph.inputNames().contains(f)) {
                throw new IllegalArgumentException("model '" + graph.name() + "' has no input '" + f + "'; its inputs are " + graph.inputNames());
            }
        }
        boolean[] needed = needed(graph, wanted);
        List<Node> nodes = graph.nodes();
        Map<String, Tensor> acts = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!needed[i]) continue;
            Node n = nodes.get(i);
            Tensor out;
            if (n.layer() instanceof InputLayer il) {
                Tensor fed = feeds.get(n.name());
                if (fed == null) throw new IllegalArgumentException("model '" + graph.name() + "' needs input '" + n.name() + "'; given: " + feeds.keySet());
                out = il.forward(fed);
            } else {
                List<Tensor> args = new ArrayList<>(n.inbound().size());
                for (String s : n.inbound()) args.add(acts.get(s));
                try {
                    out = n.layer().forward(args);
                } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                    throw new IllegalArgumentException("model '" + graph.name() + "', layer '" + n.name() + "' ("
                            + n.layer().kerasClass() + "): " + (e instanceof IllegalArgumentException ? "" : e.getClass().getSimpleName() + ": ")
                            + e.getMessage(), e);
                }
            }
            acts.put(n.name(), out);
        }
        return acts;
    }

    private static boolean[] needed(Graph graph, Collection<String> wanted) {
        List<Node> nodes = graph.nodes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
        boolean[] needed = new boolean[nodes.size()];
        for (String w : wanted) {
            graph.node(w);                                   // an unknown name fails here, listing the layers
            needed[index.get(w)] = true;
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (!needed[i]) continue;
            for (String s : nodes.get(i).inbound()) needed[index.get(s)] = true;
        }
        return needed;
    }

    /** The reverse sweep over activations from {@link #forward}. */
    static Map<String, Tensor> backward(Graph graph, Map<String, Tensor> acts, Map<String, Tensor> seeds, Collection<String> alsoAt) {
        Map<String, Tensor> grads = new HashMap<>();
        Set<String> owned = new java.util.HashSet<>();   // gradient tensors this sweep created and may add into
        for (Map.Entry<String, Tensor> e : seeds.entrySet()) {
            Tensor a = acts.get(e.getKey());
            if (a == null) throw new IllegalArgumentException("model '" + graph.name() + "': gradient seed for '" + e.getKey() + "', which was not computed");
            Shapes.requireSame("gradient seed for '" + e.getKey() + "' vs its activation", e.getValue().shape(), a.shape());
            accumulate(grads, owned, e.getKey(), e.getValue());
        }
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            Tensor g = grads.get(n.name());
            if (g == null || n.layer() instanceof InputLayer) continue;
            List<Tensor> ins = new ArrayList<>(n.inbound().size());
            for (String s : n.inbound()) ins.add(acts.get(s));
            List<Tensor> gin;
            try {
                gin = LayerGradients.of(n.layer()).backward(n.layer(), ins, acts.get(n.name()), g);
            } catch (NoGradientException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model '" + graph.name() + "', backward through layer '" + n.name() + "' ("
                        + n.layer().kerasClass() + "): " + e.getMessage(), e);
            }
            if (gin.size() != ins.size()) {
                throw new IllegalStateException("gradient of layer '" + n.name() + "' returned " + gin.size() + " tensors for " + ins.size() + " inputs");
            }
            for (int k = 0; k < gin.size(); k++) {
                Shapes.requireSame("gradient of layer '" + n.name() + "' w.r.t. input '" + n.inbound().get(k) + "'", gin.get(k).shape(), ins.get(k).shape());
                accumulate(grads, owned, n.inbound().get(k), gin.get(k));
            }
            if (!alsoAt.contains(n.name())) grads.remove(n.name());   // no longer needed
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (String in : graph.inputNames()) {
            if (acts.containsKey(in)) result.put(in, grads.getOrDefault(in, Tensor.zeros(acts.get(in).shape())));
        }
        for (String s : alsoAt) {
            Tensor a = acts.get(s);
            result.put(s, grads.getOrDefault(s, Tensor.zeros(a.shape())));
        }
        return result;
    }

    /** grads[name] += g, copying the first contribution before adding a second one into it. */
    private static void accumulate(Map<String, Tensor> grads, Set<String> owned, String name, Tensor g) {
        Tensor prev = grads.get(name);
        if (prev == null) {
            grads.put(name, g);
            return;
        }
        if (!owned.contains(name)) {
            prev = prev.copy();
            grads.put(name, prev);
            owned.add(name);
        }
        float[] p = prev.data(), q = g.data();
        for (int i = 0; i < p.length; i++) p[i] += q[i];
    }
}
