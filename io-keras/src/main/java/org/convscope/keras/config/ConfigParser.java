package org.convscope.keras.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convscope.keras.InvalidConfigException;
import org.convscope.keras.LoadLimitException;
import org.convscope.keras.UnsupportedLayerException;
import org.convscope.keras.limits.LoadLimits;
import org.convscope.keras.limits.Quote;

/**
 * Turns a Keras {@code model_config} / {@code config.json} / {@code model.to_json()} text into a
 * {@link ModelSpec}, whatever Keras version wrote it:
 * <ul>
 *   <li>Keras ≤ 2.1 Sequential: {@code "config"} is a bare list of layers, the first carrying
 *       {@code batch_input_shape};</li>
 *   <li>Keras 2.2+/tf.keras: {@code {"name", "layers"}}; functional {@code inbound_nodes} are
 *       {@code [[["input_1", 0, 0, {}]]]};</li>
 *   <li>Keras 3: {@code inbound_nodes} are {@code [{"args": [...], "kwargs": {...}}]} whose tensors
 *       are {@code {"class_name": "__keras_tensor__", "config": {"keras_history": [layer, node, index]}}};
 *       InputLayer uses {@code batch_shape}.</li>
 * </ul>
 * Models used as layers are parsed recursively.
 */
public final class ConfigParser {
    private static final int MAX_DEPTH = 64; // nesting of models inside models
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Bounds while parsing (LoadLimits): the text itself was checked against the config budget before it was decoded.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(LoadLimits.MAX_JSON_DEPTH).maxStringLength(LoadLimits.MAX_JSON_STRING)
                .maxNameLength(LoadLimits.MAX_JSON_NAME).maxNumberLength(LoadLimits.MAX_JSON_NUMBER)
                .maxDocumentLength(LoadLimits.configBudget()).maxTokenCount(LoadLimits.maxJsonTokens()).build());
    }

    private final String file;

    /** @param file the file name used in messages */
    public ConfigParser(String file) { this.file = file; }

    /** Parses JSON text into a tree (an error names the file). */
    public JsonNode readTree(String json, String what) {
        LoadLimits.checkConfig(file, what, (long) json.length());
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) throw new InvalidConfigException(file + ": " + what + " is not a JSON object");
            return n;
        } catch (StreamConstraintsException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("nesting depth")) { // a structure no model has, not a size
                throw new InvalidConfigException(file + ": " + what + " is nested too deep: " + Quote.cut(e.getOriginalMessage(), 300), e);
            }
            throw new LoadLimitException(file + ": " + what + " exceeds convscope's limits for a model config ("
                    // without the count Jackson reached (it depends on its buffers, so the message would too)
                    + Quote.cut(String.valueOf(e.getOriginalMessage()).replaceFirst(" \\(\\d+\\) exceeds", " exceeds"), 300)
                    + "); this is a memory limit, not a damaged file", e);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file + ": " + what + " is not valid JSON: " + Quote.cut(e.getOriginalMessage(), 300), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidConfigException(file + ": " + what + " cannot be parsed as JSON: " + Quote.cut(e.toString(), 300), e);
        }
    }

    /** Parses a whole model config ({@code {"class_name": "Sequential"|"Functional"|"Model", "config": ...}}). */
    public ModelSpec parseModel(String json, String what) {
        return model(readTree(json, what), what, 0);
    }

    /** Parses an already-read model node. */
    public ModelSpec model(JsonNode root, String where, int depth) {
        if (depth > MAX_DEPTH) throw new InvalidConfigException(file + ": " + where + ": models nested more than " + MAX_DEPTH + " deep");
        String cls = text(root, "class_name", where);
        refuseCustomModel(root, cls, where);
        JsonNode config = root.get("config");
        if (config == null || config.isNull()) throw bad(where, "'config'", "a model config object", config);
        return switch (cls) {
            case "Sequential" -> sequential(config, where, depth);
            case "Functional", "Model" -> functional(cls, config, where, depth);
            default -> throw new InvalidConfigException(file + ": " + where + " describes a '" + Quote.cut(cls)
                    + "', not a model (expected class_name Sequential, Functional or Model)");
        };
    }

    /**
     * A model whose Keras 3 {@code module} is not Keras's own, or whose {@code registered_name} is
     * not its class (a subclass registered with {@code @register_keras_serializable}), would run
     * code of its own in Keras: refused like a custom layer.
     */
    private void refuseCustomModel(JsonNode root, String cls, String where) {
        JsonNode module = root.get("module");
        JsonNode registered = root.get("registered_name");
        String m = module != null && module.isTextual() ? module.textValue() : null;
        String r = registered != null && registered.isTextual() ? registered.textValue() : null;
        if ((m != null && !m.startsWith("keras")) || (r != null && !r.equals(cls))) {
            throw new UnsupportedLayerException(file + ": " + where + ": the model '" + Quote.cut(cls) + "' is a custom class (module '"
                    + Quote.cut(m) + "', registered_name '" + Quote.cut(r) + "'); convscope never runs code from a file and only loads"
                    + " built-in Sequential and Functional models");
        }
    }

    private ModelSpec sequential(JsonNode config, String where, int depth) {
        JsonNode layersNode;
        String name;
        if (config.isArray()) { // Keras <= 2.1
            layersNode = config;
            name = "sequential";
        } else if (config.isObject()) {
            layersNode = config.get("layers");
            name = config.hasNonNull("name") ? text(config, "name", where) : "sequential";
        } else {
            throw bad(where, "Sequential 'config'", "a list or an object", config);
        }
        if (layersNode == null || !layersNode.isArray()) throw bad(where, "Sequential 'layers'", "a list of layers", layersNode);
        List<LayerSpec> raw = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) raw.add(layer(layersNode.get(i), where + ", layer #" + i, depth, true));
        if (raw.isEmpty()) throw new InvalidConfigException(file + ": " + where + ": Sequential model '" + name + "' has no layers");
        List<LayerSpec> layers = new ArrayList<>();
        LayerSpec input;
        int start;
        if (raw.get(0).className().equals("InputLayer")) {
            input = raw.get(0);
            start = 1;
        } else {
            int[] shape = sequentialInputShape(raw.get(0), config, where);
            input = syntheticInput(raw.get(0).name() + "_input", shape);
            start = 0;
        }
        layers.add(input);
        String prev = input.name();
        for (int i = start; i < raw.size(); i++) {
            LayerSpec l = raw.get(i);
            if (l.className().equals("InputLayer")) throw new InvalidConfigException(file + ": " + where + ": Sequential model '" + name + "' has a second InputLayer '" + l.name() + "'");
            layers.add(new LayerSpec(l.className(), l.name(), l.config(), List.of(List.of(new TensorRef(prev, 0, 0))),
                    l.nested(), l.module(), l.registeredName()));
            prev = l.name();
        }
        checkUnique(layers, where, name);
        return new ModelSpec(name, "Sequential", layers, true, List.of(new TensorRef(input.name(), 0, 0)),
                List.of(new TensorRef(prev, 0, 0)));
    }

    private int[] sequentialInputShape(LayerSpec first, JsonNode modelConfig, String where) {
        JsonNode c = first.config();
        for (String key : new String[] {"batch_input_shape", "batch_shape"}) {
            if (c.hasNonNull(key)) return shape(c.get(key), where + ", " + first.describe() + " '" + key + "'");
        }
        if (c.hasNonNull("input_shape")) {
            int[] s = shape(c.get("input_shape"), where + ", " + first.describe() + " 'input_shape'");
            int[] b = new int[s.length + 1];
            b[0] = -1;
            System.arraycopy(s, 0, b, 1, s.length);
            return b;
        }
        if (modelConfig.isObject() && modelConfig.hasNonNull("build_input_shape")) {
            return shape(modelConfig.get("build_input_shape"), where + ", 'build_input_shape'");
        }
        throw new InvalidConfigException(file + ": " + where + ": the Sequential model declares no input shape (no InputLayer, and "
                + first.describe() + " has no batch_input_shape)");
    }

    private LayerSpec syntheticInput(String name, int[] shape) {
        var node = MAPPER.createObjectNode();
        var arr = node.putArray("batch_shape");
        for (int d : shape) {
            if (d < 0) arr.addNull();
            else arr.add(d);
        }
        node.put("name", name);
        return new LayerSpec("InputLayer", name, node, List.of(), null, null, null);
    }

    private ModelSpec functional(String cls, JsonNode config, String where, int depth) {
        if (!config.isObject()) throw bad(where, "'config'", "an object", config);
        String name = config.hasNonNull("name") ? text(config, "name", where) : "model";
        JsonNode layersNode = config.get("layers");
        if (layersNode == null || !layersNode.isArray()) throw bad(where, "'layers'", "a list of layers", layersNode);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) layers.add(layer(layersNode.get(i), where + ", layer #" + i, depth, false));
        checkUnique(layers, where, name);
        List<TensorRef> inputs = refList(config.get("input_layers"), where + ", 'input_layers'");
        List<TensorRef> outputs = refList(config.get("output_layers"), where + ", 'output_layers'");
        if (inputs.isEmpty()) throw new InvalidConfigException(file + ": " + where + ": model '" + name + "' has no input_layers");
        if (outputs.isEmpty()) throw new InvalidConfigException(file + ": " + where + ": model '" + name + "' has no output_layers");
        return new ModelSpec(name, cls, layers, false, inputs, outputs);
    }

    private void checkUnique(List<LayerSpec> layers, String where, String model) {
        Set<String> seen = new HashSet<>();
        for (LayerSpec l : layers) {
            if (!seen.add(l.name())) throw new InvalidConfigException(file + ": " + where + ": model '" + model + "' has two layers named '" + l.name() + "'");
        }
    }

    private LayerSpec layer(JsonNode n, String where, int depth, boolean inSequential) {
        if (n == null || !n.isObject()) throw bad(where, "layer", "an object", n);
        String cls = text(n, "class_name", where);
        JsonNode config = n.get("config");
        if (config == null || !(config.isObject() || (config.isArray() && cls.equals("Sequential")))) {
            throw bad(where, "'config' of a " + cls, "an object", config);
        }
        String name;
        if (n.hasNonNull("name")) name = text(n, "name", where);
        else if (config.isObject() && config.hasNonNull("name")) name = text(config, "name", where);
        else throw new InvalidConfigException(file + ": " + where + ": a " + cls + " layer has no name");
        if (name.isEmpty()) throw new InvalidConfigException(file + ": " + where + ": a " + cls + " layer has an empty name");
        String module = n.hasNonNull("module") && n.get("module").isTextual() ? n.get("module").textValue() : null;
        String registered = n.hasNonNull("registered_name") && n.get("registered_name").isTextual() ? n.get("registered_name").textValue() : null;
        ModelSpec nested = null;
        if (cls.equals("Sequential") || cls.equals("Functional") || cls.equals("Model")) {
            nested = model(n, where + " (model '" + name + "')", depth + 1);
        }
        List<List<TensorRef>> inbound = inSequential ? List.of() : inboundNodes(n.get("inbound_nodes"), where + ", " + name + " 'inbound_nodes'");
        List<JsonNode> calls = new ArrayList<>();
        JsonNode nodes = n.get("inbound_nodes");
        if (!inSequential && nodes != null && nodes.isArray()) for (JsonNode node : nodes) if (node.isObject()) calls.add(node);
        return new LayerSpec(cls, name, config.isObject() ? config : n, inbound, nested, module, registered, calls);
    }

    /** Both inbound formats: Keras 2 lists of [layer, node, tensor, kwargs] and Keras 3 {args, kwargs}. */
    private List<List<TensorRef>> inboundNodes(JsonNode n, String where) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw bad(where, "", "a list", n);
        List<List<TensorRef>> nodes = new ArrayList<>();
        for (JsonNode node : n) {
            List<TensorRef> refs = new ArrayList<>();
            if (node.isObject()) { // Keras 3
                JsonNode args = node.get("args");
                if (args == null || !args.isArray()) throw bad(where, "node 'args'", "a list", args);
                collectKerasTensors(args, refs, where, 0);
            } else if (node.isArray()) { // Keras 2: [[layer, node, tensor, {kwargs}], ...]
                for (JsonNode t : node) refs.add(ref(t, where));
            } else {
                throw bad(where, "node", "a list or an object", node);
            }
            nodes.add(refs);
        }
        return nodes;
    }

    private void collectKerasTensors(JsonNode n, List<TensorRef> out, String where, int depth) {
        if (depth > 32) throw new InvalidConfigException(file + ": " + where + ": arguments nested too deep");
        if (n.isArray()) {
            for (JsonNode e : n) collectKerasTensors(e, out, where, depth + 1);
        } else if (n.isObject() && "__keras_tensor__".equals(n.path("class_name").asText(null))) {
            JsonNode hist = n.path("config").get("keras_history");
            out.add(ref(hist, where));
        }
        // numbers, strings, other objects: constant arguments, not graph edges
    }

    private List<TensorRef> refList(JsonNode n, String where) {
        if (n == null || !n.isArray()) throw bad(where, "", "a list of [layer, node, tensor]", n);
        List<TensorRef> out = new ArrayList<>();
        if (n.size() > 0 && n.get(0).isTextual()) { // Keras 3 single: ["input", 0, 0]
            out.add(ref(n, where));
            return out;
        }
        for (JsonNode e : n) out.add(ref(e, where));
        return out;
    }

    private TensorRef ref(JsonNode t, String where) {
        if (t == null || !t.isArray() || t.size() < 3 || !t.get(0).isTextual()
                || !t.get(1).isIntegralNumber() || !t.get(2).isIntegralNumber()
                || !t.get(1).canConvertToInt() || !t.get(2).canConvertToInt()) {
            throw bad(where, "tensor reference", "[layer name, node index, tensor index]", t);
        }
        int node = t.get(1).intValue();
        int tensor = t.get(2).intValue();
        if (node < 0 || tensor < 0) throw bad(where, "tensor reference", "non-negative indices", t);
        return new TensorRef(t.get(0).textValue(), node, tensor);
    }

    private int[] shape(JsonNode n, String where) {
        if (!n.isArray() || n.size() == 0 || n.size() > 8) throw new InvalidConfigException(file + ": " + where + " should be a shape list, found " + n);
        int[] s = new int[n.size()];
        for (int i = 0; i < s.length; i++) {
            JsonNode e = n.get(i);
            if (e.isNull()) s[i] = -1;
            else if (e.isIntegralNumber() && e.canConvertToInt() && e.intValue() >= 0) s[i] = e.intValue();
            else throw new InvalidConfigException(file + ": " + where + " should be a shape list, found " + n);
        }
        s[0] = -1; // the batch is whatever is fed
        return s;
    }

    private String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw bad(where, "'" + key + "'", "a string", v);
        return v.textValue();
    }

    private InvalidConfigException bad(String where, String what, String expected, Object found) {
        String f = String.valueOf(found);
        if (f.length() > 200) f = f.substring(0, 200) + "...";
        return new InvalidConfigException(file + ": " + where + ": " + what + (what.isEmpty() ? "" : " ") + "should be " + expected + ", found " + f);
    }

    /** Reads the input shape of an InputLayer config ({@code batch_shape} or {@code batch_input_shape}). */
    public int[] inputShape(LayerSpec input) {
        JsonNode c = input.config();
        for (String key : new String[] {"batch_shape", "batch_input_shape"}) {
            if (c.hasNonNull(key)) return shape(c.get(key), input.describe() + " '" + key + "'");
        }
        if (c.hasNonNull("shape") && c.get("shape").isArray()) {
            int[] s = shape(MAPPER.createArrayNode().addNull().addAll((com.fasterxml.jackson.databind.node.ArrayNode) c.get("shape")), input.describe() + " 'shape'");
            return s;
        }
        throw new InvalidConfigException(file + ": " + input.describe() + " declares no shape (batch_shape / batch_input_shape)");
    }
}
