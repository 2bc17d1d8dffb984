package org.convscope.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.Gemms;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * A directed acyclic graph of layers (Keras's Sequential and functional models), immutable once
 * built and safe to run from several threads at once.
 *
 * <p>{@link #run} executes only the nodes the requested outputs depend on, in topological order,
 * and drops each intermediate tensor as soon as its last consumer has run, unless it was asked for.
 *
 * <p>Fusion: when the graph is built, every chain {@code Conv2D|DepthwiseConv2D|SeparableConv2D|Dense
 * → BatchNormalization → elementwise activation} (or {@code conv → BN}, {@code conv → activation})
 * whose inner outputs have a single consumer is precomputed as one layer, the normalisation folded
 * into the kernel and bias and the activation in the GEMM epilogue. A run uses a chain's fused layer
 * only when none of the outputs it skips was asked for, so every layer's own output stays available
 * (asking for it runs that chain unfused). The fused result equals the unfused one up to float
 * rounding. {@link #fusedChains} tells which chains a run fuses; the engine configuration's
 * {@code fuse=off} disables fusion.
 *
 * <p>Engine settings: a graph runs under the configuration bound by the caller
 * ({@link EngineConfig#call}), else the process's ({@code -Dconvscope.*}); {@link #withConfig} gives
 * a graph with a configuration of its own.
 * A graph is itself a {@link Layer}, so a model can be used inside another model.
 *
 * <p>Nested models: every method that takes a node name also takes a {@link LayerPath} into a
 * nested model, {@code base/inner} (any depth: {@code outer/mid/inner}). Such a request runs on
 * {@link #flattened()}, where the nested models' nodes are nodes of their own, so fusion leaves a
 * requested inner node unfused exactly as it does for an outer one.
 */
public final class Graph implements Layer {
    private final String name;
    private final List<Node> nodes;               // topological order, inputs first
    private final Map<String, Integer> index;     // node name -> position in nodes
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, int[]> shapes;      // node name -> output shape (batch -1)
    private final Fusion fusion;                  // chains that may run as one precomputed layer
    private final long largestPerImage;            // floats of the largest activation of one image (for BatchSplit)
    private final boolean perSample;               // every layer computes each image from itself alone (for BatchSplit)
    private static final ThreadLocal<int[]> PASSES = ThreadLocal.withInitial(() -> new int[1]);   // passes running on this thread
    private final ArenaPool arenas = new ArenaPool();   // recycled activation buffers, one arena per concurrent call
    private final Set<String> outputSet;          // the outputs as a set, predict's request
    private volatile RunPlan lastPlan;            // the plan of the last request (a benign race: any plan is correct)
    private final Engine engine;                  // this model's own engine configuration, or null (the caller's)
    private volatile Graph flat;                  // flattened(), made on first use (a benign race: any copy is equal)

    Graph(String name, List<Node> nodes, List<String> inputs, List<String> outputs) {
        this.engine = null;
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.outputSet = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(this.outputs));
        this.index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
        List<int[]> declared = new ArrayList<>();
        for (String in : this.inputs) declared.add(((InputLayer) this.nodes.get(index.get(in)).layer()).shape());
        this.shapes = propagate(declared);
        this.fusion = Fusion.find(this.nodes, shapes);
        long largest = 0;
        for (int[] sh : shapes.values()) {
            long per = 1;
            for (int d = 1; d < sh.length; d++) per = sh[d] < 0 ? Long.MAX_VALUE / 2 : Math.min(Long.MAX_VALUE / 2, per * sh[d]);   // unknown size: never split
            largest = Math.max(largest, per);
        }
        this.largestPerImage = largest;
        boolean split = true;
        for (Node n : this.nodes) {
            int[] in = n.inbound().isEmpty() ? shapes.get(n.name()) : shapes.get(n.inbound().get(0));
            split &= BatchSplit.perSample(n.layer(), in == null ? 0 : in.length);
        }
        this.perSample = split;
    }

    /**
     * Every node's output shape for the given input shapes (in input order), checked layer by layer;
     * the error names the model and the layer.
     */
    private Map<String, int[]> propagate(List<int[]> inputShapes) {
        Map<String, int[]> out = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputLayer il = (InputLayer) nodes.get(index.get(inputs.get(i))).layer();
            try {
                out.put(inputs.get(i), il.outputShape(inputShapes.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model '" + name + "': " + e.getMessage(), e);
            }
        }
        for (Node n : nodes) {
            if (n.layer() instanceof InputLayer il) {
                out.putIfAbsent(n.name(), il.shape());
                continue;
            }
            List<int[]> in = new ArrayList<>();
            for (String s : n.inbound()) in.add(out.get(s));
            try {
                out.put(n.name(), n.layer().outputShape(in));
            } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                throw new IllegalArgumentException("model '" + name + "', layer '" + n.name() + "' ("
                        + n.layer().kerasClass() + "): " + (e instanceof IllegalArgumentException ? "" : e.getClass().getSimpleName() + ": ")
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The same graph (sharing every layer) run under {@code engine}. */
    private Graph(Graph g, Engine engine) {
        this.name = g.name;
        this.nodes = g.nodes;
        this.index = g.index;
        this.inputs = g.inputs;
        this.outputs = g.outputs;
        this.shapes = g.shapes;
        this.fusion = g.fusion;
        this.largestPerImage = g.largestPerImage;
        this.perSample = g.perSample;
        this.outputSet = g.outputSet;
        this.engine = engine;
    }

    /**
     * This model run under its own engine configuration: every call of the returned graph
     * ({@link #predict}, {@link #activations}, {@link #run}, and as a layer inside another model)
     * uses {@code config} instead of the caller's or the process's. The layers are shared, not copied.
     *
     * @param config the configuration, for example {@code EngineConfig.global().withVector(Vector.OFF)}
     * @return a graph that computes the same function under that configuration
     * @throws IllegalArgumentException when {@code config} names a vector width other than the process's
     */
    public Graph withConfig(EngineConfig config) {
        return new Graph(this, Engine.of(java.util.Objects.requireNonNull(config, "config")));
    }

    /** {@return this model's own configuration, or null when it runs under the caller's} */
    public EngineConfig config() { return engine == null ? null : engine.config(); }

    /** {@return the pool of activation arenas of this graph's calls (for tests)} */
    ArenaPool arenaPool() { return arenas; }

    /**
     * Starts a graph with this model name.
     *
     * @param name the model's name
     * @return a builder
     */
    public static GraphBuilder builder(String name) { return new GraphBuilder(name); }

    @Override public String name() { return name; }

    @Override public String kerasClass() { return "Functional"; }

    @Override public int arity() { return inputs.size(); }

    /** {@return nodes in execution order, inputs first} */
    public List<Node> nodes() { return nodes; }

    /** {@return names of the input nodes} */
    public List<String> inputNames() { return inputs; }

    /** {@return names of the output nodes} */
    public List<String> outputNames() { return outputs; }

    /**
     * True when a node of that name exists.
     *
     * @param nodeName a node name
     * @return true when a node of that name exists
     */
    public boolean hasNode(String nodeName) {
        return index.containsKey(nodeName) || (nodeName != null && nodeName.contains(LayerPath.SEPARATOR) && flattened().index.containsKey(nodeName));
    }

    /** True when this graph itself (not a nested model) has a node of that name. */
    boolean hasOwnNode(String nodeName) { return index.containsKey(nodeName); }

    /**
     * This graph with every nested model inlined: the nodes of a model applied at node {@code base}
     * become nodes named {@code base/<inner>} (recursively, {@code base/mid/<inner>}), reading each
     * other as before; {@code base} itself stays, as a pass-through of the nested model's output,
     * and each input of the nested model becomes a pass-through {@code base/<input>} (Keras class
     * {@code InputLayer}). Same inputs, outputs, layers (the same objects) and results; the fused
     * chains are found again over the inlined nodes. Made once, on first use, and kept: its fused
     * layers are its own (folded kernels, prepacked GEMM operands), so a nested model asked for a
     * path holds about one more copy of its fused convolution weights. A graph without nested models
     * returns itself.
     *
     * @return the flattened graph, or this graph when it has no nested model
     */
    public Graph flattened() {
        Graph f = flat;
        if (f == null) flat = f = NestedInliner.flatten(this);
        return f;
    }

    /** This graph when it has the node, else the flattened graph when the name is a path there, else an error. */
    private Graph holding(String nodeName) {
        if (index.containsKey(nodeName)) return this;
        if (nodeName != null && nodeName.contains(LayerPath.SEPARATOR)) {
            Graph f = flattened();
            if (f != this && f.index.containsKey(nodeName)) return f;
        }
        throw unknown(nodeName);
    }

    /**
     * The node of that name; the error lists the existing names. For a path into a nested model
     * ({@code base/inner}) the node is named by its path and reads path-named nodes, as in
     * {@link #flattened()}, and holds the inner layer itself (a nested model for {@code base/mid}).
     *
     * @param nodeName a node name
     * @return the node
     */
    public Node node(String nodeName) {
        Graph g = holding(nodeName);
        Node n = g.nodes.get(g.index.get(nodeName));
        if (g != this) {
            // a path: the flattened node (path name, path inbound) with the layer itself, so a path to
            // a model nested in a nested model gives that model, not the flattened pass-through
            LayerPath.Target t = LayerPath.tryResolve(this, nodeName);
            if (t != null && t.node().layer() != n.layer()) n = new Node(n.name(), t.node().layer(), n.inbound());
        }
        return n;
    }

    /**
     * The output shape of a node, batch first as -1.
     *
     * @param nodeName a node name
     * @return the output shape, batch first as -1
     */
    public int[] shapeOf(String nodeName) {
        Graph g = holding(nodeName);
        return g.shapes.get(nodeName).clone();
    }

    private IllegalArgumentException unknown(String nodeName) {
        return LayerPath.missing(this, nodeName);
    }

    /** The graph that serves a request for these names: this one, or the flattened one when a name is a path into a nested model. */
    private Graph serving(Set<String> want) {
        Graph g = this;
        for (String w : want) {
            if (index.containsKey(w)) continue;
            Graph h = holding(w);
            if (h != this) g = h;
        }
        return g;
    }

    /**
     * Single-input, single-output prediction.
     *
     * @param input the batch, batch first
     * @return the model's output (a new tensor)
     */
    public Tensor predict(Tensor input) {
        requireSingle(inputs, "input");
        requireSingle(outputs, "output");
        Map<String, Tensor> feeds = single(input);
        Engine previous = engine == null ? null : Engine.bind(engine);
        try {
            RunPlan plan = planFor(outputSet);
            return compute(feeds, outputSet, plan)[plan.wanted[0]];
        } finally {
            if (engine != null) Engine.unbind(previous);
        }
    }

    /**
     * The outputs of the named layers for a single-input model, in the order asked.
     *
     * @param input the batch, batch first
     * @param layerNames node names
     * @return the outputs by node name, in the order asked
     */
    public Map<String, Tensor> activations(Tensor input, Collection<String> layerNames) {
        requireSingle(inputs, "input");
        return run(single(input), layerNames);
    }

    /** The feeds of a single-input model (a null tensor is named here; Map.of would throw a bare NPE). */
    private Map<String, Tensor> single(Tensor input) {
        if (input == null) throw new IllegalArgumentException("model '" + name + "': input '" + inputs.get(0) + "' is null; feed it a tensor");
        return Map.of(inputs.get(0), input);
    }

    private void requireSingle(List<String> list, String what) {
        if (list.size() != 1) {
            throw new IllegalArgumentException("model '" + name + "' has " + list.size() + " " + what
                    + "s " + list + "; use run(Map, names)");
        }
    }

    /**
     * Runs the graph on the given inputs (by input name) and returns the outputs of the requested
     * nodes, in the order asked. Only what those nodes depend on is computed.
     *
     * @param feeds a tensor for every input, by input name
     * @param wanted the node names whose outputs to return
     * @return the outputs by node name, in the order asked
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, Collection<String> wanted) {
        if (engine == null) return runBound(feeds, wanted);
        Engine previous = Engine.bind(engine);
        try {
            return runBound(feeds, wanted);
        } finally {
            Engine.unbind(previous);
        }
    }

    private Map<String, Tensor> runBound(Map<String, Tensor> feeds, Collection<String> wanted) {
        Set<String> want = new LinkedHashSet<>(wanted);
        if (want.isEmpty()) throw new IllegalArgumentException("model '" + name + "': no layer asked for");
        Graph g = serving(want);
        if (g != this) return g.run(feeds, want);
        RunPlan plan = planFor(want);
        for (String in : inputs) {
            if (plan.needed[index.get(in)] && !feeds.containsKey(in)) {
                throw new IllegalArgumentException("model '" + name + "' needs input '" + in + "'; given: " + feeds.keySet());
            }
        }
        for (String f : feeds.keySet()) {
            if (!inputs.contains(f)) throw new IllegalArgumentException("model '" + name + "' has no input '" + f + "'; its inputs are " + inputs);
            if (feeds.get(f) == null) throw new IllegalArgumentException("model '" + name + "': input '" + f + "' is null; feed it a tensor");
        }
        Tensor[] live = compute(feeds, want, plan);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String w : want) out.put(w, live[index.get(w)]);
        return out;
    }

    /**
     * The requested outputs by position (other entries may be null): one pass, or the batch cut
     * into parts on separate threads when {@link BatchSplit} says so.
     */
    private Tensor[] compute(Map<String, Tensor> feeds, Set<String> want, RunPlan plan) {
        int batch = splittableBatch(feeds, want);
        int parts = batch < 2 ? 1 : BatchSplit.parts(batch, largestPerImage);
        return parts > 1 ? runSplit(feeds, plan, batch, parts) : runOnce(feeds, plan);
    }

    /** The plan for these requested names: the last one made when it serves them, else a new one (then kept). */
    private RunPlan planFor(Set<String> want) {
        RunPlan p = lastPlan;
        if (p == null || !p.serves(want)) lastPlan = p = RunPlan.of(nodes, index, want, fusion);
        return p;
    }

    /**
     * One pass over the whole feeds, with an arena of its own (unless recycling is off); the
     * outputs by position (the requested ones are set, every other entry may be null).
     */
    private Tensor[] runOnce(Map<String, Tensor> feeds, RunPlan plan) {
        int[] passes = PASSES.get();
        passes[0]++;
        try {
            if (!ArenaPool.enabled()) return execute(feeds, plan, null);
            ActivationArena arena = arenas.take();
            ActivationArena previous = arena.bind();
            try {
                return execute(feeds, plan, arena);
            } finally {
                arena.unbind(previous);
                arena.endCall();
                arenas.give(arena);
            }
        } finally {
            passes[0]--;
        }
    }

    /**
     * The batch size when this run may be cut into parts along the batch axis (every feed has the
     * same batch, every requested node carries the batch axis, and this is not a pass nested in
     * another), else 0.
     */
    private int splittableBatch(Map<String, Tensor> feeds, Set<String> want) {
        if (!perSample || PASSES.get()[0] > 0) return 0;         // a layer mixes images, or nested in another pass
        int batch = -1;
        for (Tensor t : feeds.values()) {
            if (t.rank() < 1) return 0;
            if (batch == -1) batch = t.dim(0);
            else if (batch != t.dim(0)) return 0;
        }
        for (String w : want) {
            int[] s = shapes.get(w);
            if (s == null || s.length == 0 || s[0] != -1) return 0;
        }
        for (String in : inputs) {
            int[] s = shapes.get(in);
            if (s.length == 0 || s[0] != -1) return 0;
        }
        return Math.max(batch, 0);
    }

    /** {@link BatchSplit}: the batch cut into {@code parts} contiguous parts run on separate threads. */
    private Tensor[] runSplit(Map<String, Tensor> feeds, RunPlan plan, int batch, int parts) {
        int per = (batch + parts - 1) / parts;
        int n = (batch + per - 1) / per;
        Tensor[][] results = new Tensor[n][];
        Gemms.parallelFor(n, n, p -> {
            int from = p * per, to = Math.min(batch, from + per);
            Map<String, Tensor> slice = new LinkedHashMap<>();
            for (var e : feeds.entrySet()) slice.put(e.getKey(), BatchSplit.slice(e.getValue(), from, to));
            results[p] = runOnce(slice, plan);
        });
        Tensor[] out = new Tensor[nodes.size()];
        for (int w : plan.wanted) {
            Tensor[] pieces = new Tensor[n];
            for (int p = 0; p < n; p++) pieces[p] = results[p][w];
            out[w] = BatchSplit.concat(pieces);
        }
        return out;
    }

    /**
     * Runs the plan's nodes in order. With an arena, the array of an intermediate goes back to it
     * as soon as no live tensor refers to it any more: a tensor whose array is one of its inputs'
     * (a Reshape or Identity shares its input's array) counts as one more reference to that
     * input's array (its {@code owner}), and {@code refs} counts the live tensors per owner. The
     * requested outputs are never released, so their arrays are never given back.
     */
    private Tensor[] execute(Map<String, Tensor> feeds, RunPlan plan, ActivationArena arena) {
        int size = nodes.size();
        Tensor[] live = new Tensor[size];
        int[] owner = arena == null ? null : new int[size];      // position of the node that first produced this array
        int[] refs = arena == null ? null : new int[size];       // live tensors per owner
        for (int k = 0; k < plan.order.length; k++) {
            int i = plan.order[k];
            int[] reads = plan.reads[k];
            Node n = nodes.get(i);
            Tensor out;
            if (n.layer() instanceof InputLayer il) {
                out = il.forward(feeds.get(n.name()));
            } else {
                // A fused chain runs its precomputed layer on the head's inputs, in the tail's place.
                FusedChain chain = plan.fusion.endingAt(i);
                Node from = chain == null ? n : nodes.get(chain.head());
                Layer layer = chain == null ? n.layer() : chain.fused();
                List<Tensor> args = reads.length == 1 ? List.of(live[reads[0]]) : argList(live, reads);
                try {
                    out = layer.forward(args);
                } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                    // bad input, or sizes that overflow inside the layer: either way, say which layer
                    throw new IllegalArgumentException("model '" + name + "', layer '" + from.name() + "' ("
                            + from.layer().kerasClass() + (chain == null ? "" : ", fused with " + chain.nodes().subList(1, chain.nodes().size()))
                            + "): " + (e instanceof IllegalArgumentException ? "" : e.getClass().getSimpleName() + ": ")
                            + e.getMessage(), e);
                }
            }
            live[i] = out;
            if (refs == null) {
                for (int j : plan.dies[k]) live[j] = null;
                continue;
            }
            int o = i;                                             // before the inputs go: out may share one's array
            for (int j : reads) if (live[j] != null && live[j].data() == out.data()) { o = owner[j]; break; }
            owner[i] = o;
            refs[o]++;
            for (int j : plan.dies[k]) {
                Tensor dead = live[j];
                live[j] = null;
                if (dead != null && --refs[owner[j]] == 0) arena.recycle(dead.data());
            }
        }
        return live;
    }

    private static List<Tensor> argList(Tensor[] live, int[] reads) {
        List<Tensor> args = new ArrayList<>(reads.length);
        for (int j : reads) args.add(live[j]);
        return args;
    }

    /**
     * The chains of nodes that {@link #run} with these requested outputs computes as one fused
     * layer (a convolution or dense layer with the following BatchNormalization folded into its
     * weights and the following elementwise activation in its epilogue), each as its node names,
     * head first. It is the plan {@code run} itself uses: a chain is left out when one of its
     * non-final nodes is requested, and everything is left out under {@code -Dconvscope.fuse=off}.
     *
     * @param wanted the node names a run would ask for
     * @return the fused chains, in graph order
     */
    public List<List<String>> fusedChains(Collection<String> wanted) {
        Set<String> want = new LinkedHashSet<>(wanted);
        Graph g = serving(want);
        if (g != this) return g.fusedChains(want);
        List<List<String>> out = new ArrayList<>();
        for (FusedChain c : RunPlan.of(nodes, index, want, fusion).fusion.chains()) out.add(c.nodes());
        return out;
    }

    /**
     * The layer {@link #run} runs in place of a fused chain (for profiling tools that time each
     * step of a run, such as the benchmarks' {@code LayerTimes}): it takes the head's inputs, then
     * the chain's other inputs ({@link #fusedInputs}), and gives the tail's output.
     *
     * @param chain a chain as {@link #fusedChains} gives it
     * @return the fused layer
     * @throws IllegalArgumentException when this graph has no such chain
     */
    public Layer fusedLayer(List<String> chain) { return fusedChain(chain).fused(); }

    /**
     * The inputs of {@link #fusedLayer}, in order: the head node's inputs, then the nodes outside the
     * chain that a later node of it reads (the shortcut of a residual sum).
     *
     * @param chain a chain as {@link #fusedChains} gives it
     * @return the node names whose outputs the fused layer reads
     * @throws IllegalArgumentException when this graph has no such chain
     */
    public List<String> fusedInputs(List<String> chain) {
        FusedChain c = fusedChain(chain);
        List<String> in = new ArrayList<>(nodes.get(c.head()).inbound());
        in.addAll(c.extraInputs());
        return in;
    }

    private FusedChain fusedChain(List<String> chain) {
        Graph g = chain.stream().anyMatch(n -> n.contains("/")) ? flattened() : this;
        FusedChain c = g.fusion.chain(chain);
        if (c == null) throw new IllegalArgumentException("model '" + name + "' has no fused chain " + chain);
        return c;
    }

    // ---- Layer: a model used inside another model ----

    @Override
    public int[] outputShape(List<int[]> inputShapes) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("nested model '" + name + "' has " + outputs.size() + " outputs; only single-output nested models are supported");
        }
        if (inputShapes.size() != inputs.size()) {
            throw new IllegalArgumentException("nested model '" + name + "' takes " + inputs.size() + " inputs, got " + inputShapes.size());
        }
        // The caller's shapes may be more concrete than the declared inputs (a known batch, or a
        // known image size where the nested model declared None): propagate them.
        return propagate(inputShapes).get(outputs.get(0)).clone();
    }

    @Override
    public Tensor forward(List<Tensor> in) {
        if (in.size() != inputs.size()) {
            throw new IllegalArgumentException("nested model '" + name + "' takes " + inputs.size() + " inputs, got " + in.size());
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) feeds.put(inputs.get(i), in.get(i));
        if (outputs.size() != 1) throw new IllegalArgumentException("nested model '" + name + "' must have one output");
        return run(feeds, outputs).get(outputs.get(0));
    }

    @Override
    public List<org.convscope.layers.Weight> weights() {
        List<org.convscope.layers.Weight> all = new ArrayList<>();
        for (Node n : nodes) all.addAll(n.layer().weights());
        return all;
    }

    @Override
    public String toString() {
        return "Graph '" + name + "' " + nodes.size() + " nodes, inputs " + inputs + ", outputs " + outputs
                + " " + Arrays.toString(outputs.stream().map(o -> org.convscope.tensor.Shapes.toString(shapes.get(o))).toArray());
    }
}
