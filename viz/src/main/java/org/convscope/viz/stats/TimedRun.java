package org.convscope.viz.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.InputLayer;
import org.convscope.tensor.Tensor;

/**
 * Runs a single-input model node by node, timing each layer and taking the statistics of its
 * output, and keeps the outputs of the layers asked for (the rest are dropped as soon as their
 * consumers have run, as {@link Graph#run} does). A node whose layer is itself a model is timed
 * as one layer.
 */
public final class TimedRun {
    private final List<LayerRecord> records;
    private final Map<String, Tensor> kept;
    private final Map<String, Tensor> outputs;

    private TimedRun(List<LayerRecord> records, Map<String, Tensor> kept, Map<String, Tensor> outputs) {
        this.records = records;
        this.kept = kept;
        this.outputs = outputs;
    }

    /**
     * Runs a graph on one input, on the calling thread.
     *
     * @param graph    a model with exactly one input
     * @param input    the input, batch first, shaped as the model expects
     * @param keep     names of the layers whose outputs to return in {@link #kept()}
     * @param progress receives each finished layer's record as soon as it is done; may be null
     * @return the records and the kept and final outputs
     * @throws IllegalArgumentException if the graph has several inputs, {@code keep} names an unknown
     *                                  layer (the message lists the layers), or a layer refuses its
     *                                  input (the message names the model and the layer)
     */
    public static TimedRun run(Graph graph, Tensor input, Collection<String> keep, Consumer<LayerRecord> progress) {
        if (graph.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + graph.name() + "' has " + graph.inputNames().size() + " inputs; the report needs a single-input model");
        }
        for (String k : keep) graph.node(k); // throws listing the layers
        List<Node> nodes = graph.nodes();
        Map<String, Integer> consumers = new HashMap<>();
        for (Node n : nodes) for (String s : n.inbound()) consumers.merge(s, 1, Integer::sum);
        Set<String> want = new LinkedHashSet<>(keep);
        want.addAll(graph.outputNames());
        Map<String, Tensor> live = new HashMap<>();
        List<LayerRecord> records = new ArrayList<>();
        for (Node n : nodes) {
            Tensor out;
            long t0 = System.nanoTime();
            if (n.layer() instanceof InputLayer il) {
                out = il.forward(input);
            } else {
                List<Tensor> args = new ArrayList<>();
                for (String s : n.inbound()) args.add(live.get(s));
                try {
                    out = n.layer().forward(args);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("model '" + graph.name() + "', layer '" + n.name() + "' (" + n.layer().kerasClass() + "): " + e.getMessage(), e);
                }
            }
            long nanos = System.nanoTime() - t0;
            for (String s : n.inbound()) {
                if (consumers.merge(s, -1, Integer::sum) == 0 && !want.contains(s)) live.remove(s);
            }
            live.put(n.name(), out);
            LayerRecord r = new LayerRecord(n.name(), n.layer().kerasClass(), out.shape(), nanos, ActivationStats.of(out));
            records.add(r);
            if (progress != null) progress.accept(r);
        }
        Map<String, Tensor> kept = new LinkedHashMap<>();
        for (String k : keep) kept.put(k, live.get(k));
        Map<String, Tensor> outs = new LinkedHashMap<>();
        for (String o : graph.outputNames()) outs.put(o, live.get(o));
        return new TimedRun(List.copyOf(records), kept, outs);
    }

    /** {@return one record per node, in execution order (the input layer first); unmodifiable} */
    public List<LayerRecord> records() { return records; }

    /** {@return the outputs of the layers asked for, by name, in the order asked (the run's own map: do not modify it)} */
    public Map<String, Tensor> kept() { return kept; }

    /** {@return the model's outputs by name, in the graph's output order (the run's own map: do not modify it)} */
    public Map<String, Tensor> outputs() { return outputs; }

    /** {@return the total time of all layers, in milliseconds} */
    public double totalMillis() {
        long t = 0;
        for (LayerRecord r : records) t += r.nanos();
        return t / 1e6;
    }
}
