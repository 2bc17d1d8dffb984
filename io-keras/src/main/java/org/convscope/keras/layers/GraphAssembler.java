package org.convscope.keras.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.graph.GraphBuilder;
import org.convscope.graph.Node;
import org.convscope.keras.InvalidConfigException;
import org.convscope.keras.KerasLoadException;
import org.convscope.keras.UnsupportedLayerException;
import org.convscope.keras.config.ConfigParser;
import org.convscope.keras.config.LayerConfig;
import org.convscope.keras.config.LayerSpec;
import org.convscope.keras.config.ModelSpec;
import org.convscope.keras.config.TensorRef;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Builds the core {@link Graph} of a {@link ModelSpec}: each layer is created when the shapes of
 * all its inputs are known, so the weights it needs are known exactly before any dataset is read.
 * A layer applied at several nodes (a shared layer) is one object used by several graph nodes named
 * {@code layer}, {@code layer:1}, {@code layer:2}...; a model used as a layer is built recursively and
 * runs as a nested {@link Graph}.
 */
public final class GraphAssembler {
    private final String file;
    private final LayerFactory factory;
    private final ConfigParser parser;
    private final OpFactory ops;

    public GraphAssembler(String file, LayerFactory factory) {
        this.file = file;
        this.factory = factory;
        this.parser = new ConfigParser(file);
        this.ops = new OpFactory(file);
    }

    /** The graph node name of the {@code node}-th application of a layer. */
    public static String nodeName(String layer, int node) {
        return node == 0 ? layer : layer + ":" + node;
    }

    /** Builds the model, reading its weights from {@code weights}; leftover weights are an error. */
    public AssembledModel assemble(ModelSpec spec, WeightSource weights) {
        AssembledModel m = build(spec, weights, "");
        weights.checkAllUsed();
        return m;
    }

    /** @param path the layer path of this model inside the outermost one, with a trailing '/' ("" for the outermost) */
    private AssembledModel build(ModelSpec spec, WeightSource weights, String path) {
        GraphBuilder gb = Graph.builder(spec.name());
        Map<String, LayerSpec> byName = new HashMap<>();
        for (LayerSpec l : spec.layers()) byName.put(l.name(), l);
        Map<LayerSpec, Integer> index = new IdentityHashMap<>();
        List<LayerSpec> modelLayers = spec.modelLayers();
        for (int i = 0; i < modelLayers.size(); i++) index.put(modelLayers.get(i), i);

        Map<String, int[]> shapes = new HashMap<>();          // node name -> output shape
        Map<String, Layer> built = new LinkedHashMap<>();
        Map<String, List<int[]>> outShapes = new HashMap<>(); // layer -> output shape per node
        Map<String, Long[]> params = new HashMap<>();         // layer -> {trainable, frozen}
        Map<String, AssembledModel> nestedModels = new HashMap<>();

        // Inputs first.
        for (LayerSpec l : spec.layers()) {
            if (!l.className().equals("InputLayer")) continue;
            factory.checkSupported(l); // an input layer is built here, not by the factory: the same refusal of custom classes
            int[] shape = parser.inputShape(l);
            gb.input(l.name(), shape);
            built.put(l.name(), new InputLayer(l.name(), shape));
            shapes.put(l.name(), shape);
            outShapes.put(l.name(), List.of(shape));
            params.put(l.name(), new Long[] {0L, 0L});
        }
        for (TensorRef in : spec.inputs()) {
            LayerSpec l = byName.get(in.layer());
            if (l == null || !l.className().equals("InputLayer")) {
                throw new InvalidConfigException(file + ": model '" + spec.name() + "' input " + in + " is not an InputLayer of the model");
            }
        }
        // Then every (layer, node) once all its inputs are known; Keras lists layers in an order
        // where this takes one pass, except for shared layers whose later nodes come later.
        record Pending(LayerSpec layer, int node) { }
        List<Pending> pending = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            if (l.className().equals("InputLayer")) continue;
            for (int k = 0; k < l.inboundNodes().size(); k++) pending.add(new Pending(l, k));
        }
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                List<TensorRef> refs = p.layer().inboundNodes().get(p.node());
                if (!refs.stream().allMatch(r -> shapes.containsKey(nodeName(r.layer(), r.node())))) continue;
                it.remove();
                progress = true;
                try {
                    addNode(spec, p.layer(), p.node(), refs, gb, shapes, built, outShapes, params, weights, index, nestedModels, path);
                } catch (KerasLoadException e) {
                    throw path.isEmpty() || p.layer().isModel() ? e : withPath(e, p.layer().name(), path);
                }
            }
            if (!progress) {
                Pending p = pending.get(0);
                List<String> missing = new ArrayList<>();
                for (TensorRef r : p.layer().inboundNodes().get(p.node())) {
                    if (!shapes.containsKey(nodeName(r.layer(), r.node()))) missing.add(r.toString());
                }
                throw new InvalidConfigException(file + ": model '" + spec.name() + "': " + p.layer().describe() + " is fed by "
                        + missing + ", which no layer of the model produces (unknown layer or node, or a cycle)");
            }
        }
        List<String> outputs = new ArrayList<>();
        for (TensorRef o : spec.outputs()) {
            String n = nodeName(o.layer(), o.node());
            if (!shapes.containsKey(n) || o.tensor() != 0) {
                throw new InvalidConfigException(file + ": model '" + spec.name() + "' output " + o + " is not a layer output of the model");
            }
            outputs.add(n);
        }
        gb.outputs(outputs.toArray(String[]::new));
        Graph graph;
        try {
            graph = gb.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": " + e.getMessage(), e);
        }
        List<SummaryRow> rows = new ArrayList<>();
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (LayerSpec l : spec.summaryLayers()) {
            Layer layer = built.get(l.name());
            if (layer == null) continue; // a layer that is never applied: Keras would not list it either
            if (!l.isOp()) layers.put(l.name(), layer); // op nodes are summary rows and graph nodes, not model.layers
            Long[] pc = params.get(l.name());
            rows.add(new SummaryRow(l.name(), displayClass(l), shapeText(outShapes.get(l.name())), pc[0], pc[1], connected(l)));
        }
        return new AssembledModel(graph, layers, rows, nestedModels);
    }

    private void addNode(ModelSpec spec, LayerSpec l, int k, List<TensorRef> refs, GraphBuilder gb, Map<String, int[]> shapes,
                         Map<String, Layer> built, Map<String, List<int[]>> outShapes, Map<String, Long[]> params,
                         WeightSource weights, Map<LayerSpec, Integer> index, Map<String, AssembledModel> nestedModels, String path) {
        for (TensorRef r : refs) {
            if (r.tensor() != 0) {
                throw new UnsupportedLayerException(file + ": " + l.describe() + " takes output " + r.tensor() + " of layer '" + r.layer()
                        + "'; convscope's layers have a single output");
            }
        }
        List<int[]> inShapes = new ArrayList<>();
        List<String> inbound = new ArrayList<>();
        for (TensorRef r : refs) {
            String n = nodeName(r.layer(), r.node());
            inShapes.add(shapes.get(n));
            inbound.add(n);
        }
        Layer layer = l.isOp() && k > 0 ? null : built.get(l.name());
        if (l.isOp()) {
            // a Keras 3 op node: no weights; each call is its own layer (its constants may differ)
            if (layer == null) layer = ops.create(l, k, inShapes);
            built.putIfAbsent(l.name(), layer);
            params.putIfAbsent(l.name(), new Long[] {0L, 0L});
        } else if (layer == null) {
            int idx = index.getOrDefault(l, -1);
            if (l.isModel()) {
                factory.checkSupported(l); // a model used as a layer may not be a custom (registered) class either
                AssembledModel inner = build(l.nested(), weights.nested(l, idx), path + l.name() + "/");
                layer = inner.graph();
                nestedModels.put(l.name(), inner);
                params.put(l.name(), new Long[] {inner.trainableParams(), inner.nonTrainableParams()});
            } else {
                factory.checkSupported(l);
                LayerConfig cfg = new LayerConfig(file, l);
                List<WeightSpec> expected = ExpectedWeights.of(file, cfg, inShapes);
                List<Tensor> w = weights.read(l, idx, expected);
                layer = factory.create(cfg, inShapes, w);
                long t = 0;
                long f = 0;
                for (int i = 0; i < expected.size(); i++) {
                    if (expected.get(i).trainable()) t += w.get(i).size();
                    else f += w.get(i).size();
                }
                params.put(l.name(), new Long[] {t, f});
            }
            built.put(l.name(), layer);
        }
        int[] out;
        try {
            out = layer.outputShape(inShapes);
        } catch (KerasLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            List<String> s = inShapes.stream().map(Shapes::toString).toList();
            throw new InvalidConfigException(file + ": model '" + spec.name() + "', " + l.describe() + " cannot take input "
                    + String.join(" and ", s) + ": " + e.getMessage(), e);
        }
        String name = nodeName(l.name(), k);
        try {
            gb.add(new Node(name, layer, inbound));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": " + e.getMessage(), e);
        }
        shapes.put(name, out);
        outShapes.computeIfAbsent(l.name(), x -> new ArrayList<>()).add(out);
    }

    /**
     * The same error with the layer named by its path inside the outermost model
     * ({@code layer 'mobilenetv2_1.00_96/block_3_expand'}), so a message about a layer of a nested
     * model says which nested model holds it.
     */
    static KerasLoadException withPath(KerasLoadException e, String layer, String path) {
        String m = e.getMessage();
        String plain = "layer '" + layer + "'";
        if (m == null || !m.contains(plain)) return e;
        String named = m.replaceFirst(java.util.regex.Pattern.quote(plain), java.util.regex.Matcher.quoteReplacement("layer '" + path + layer + "'"));
        KerasLoadException r = switch (e) {
            case org.convscope.keras.WeightMismatchException w -> new org.convscope.keras.WeightMismatchException(named);
            case UnsupportedLayerException u -> new UnsupportedLayerException(named);
            case org.convscope.keras.UnsupportedFormatException f -> new org.convscope.keras.UnsupportedFormatException(named);
            case InvalidConfigException i -> new InvalidConfigException(named);
            case org.convscope.keras.CorruptFileException c -> new org.convscope.keras.CorruptFileException(named);
            default -> new KerasLoadException(named);
        };
        r.initCause(e);
        r.setStackTrace(e.getStackTrace());
        return r;
    }

    private static String displayClass(LayerSpec l) {
        return l.className();
    }

    private static String shapeText(List<int[]> shapes) {
        if (shapes == null || shapes.isEmpty()) return "?";
        for (int[] s : shapes) if (!Arrays.equals(s, shapes.get(0))) return "multiple";
        return Shapes.toString(shapes.get(0));
    }

    private static List<String> connected(LayerSpec l) {
        List<String> out = new ArrayList<>();
        for (List<TensorRef> node : l.inboundNodes()) for (TensorRef r : node) out.add(r.toString());
        return out;
    }
}
