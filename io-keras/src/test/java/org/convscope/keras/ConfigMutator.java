package org.convscope.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Edits of a Keras model config (the JSON text): broken syntax, values of the wrong type, missing
 * keys, unknown and code-bearing layers, cycles in the graph, absurd shapes, and kernel-changing
 * edits that the stored weights no longer fit. Returns null when the config offers nothing to edit.
 */
final class ConfigMutator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> SHAPE_KEYS = Set.of("batch_shape", "batch_input_shape", "input_shape", "target_shape",
            "kernel_size", "strides", "pool_size", "dilation_rate", "size", "padding", "cropping", "groups", "depth_multiplier", "axis");
    private static final Set<String> KERNEL_CLASSES = Set.of("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
            "Dense", "BatchNormalization");
    private static final long[] ABSURD = {0, -1, -7, 65_536, 1 << 20, Integer.MAX_VALUE, 3_000_000_000L, Long.MAX_VALUE};

    private ConfigMutator() {}

    /** A slot in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() { return field != null ? parent.get(field) : parent.get(index); }

        void set(JsonNode v) {
            if (field != null) ((ObjectNode) parent).set(field, v);
            else ((ArrayNode) parent).set(index, v);
        }

        String where() { return field != null ? "'" + field + "'" : "[" + index + "]"; }
    }

    /** The mutated JSON and what was done, or null. */
    static ByteMutator.Result mutate(FuzzKind kind, String json, SplittableRandom r) throws Exception {
        if (kind == FuzzKind.JSON_BROKEN) {
            int at = r.nextInt(json.length());
            char c = "{}[]\",:\0".charAt(r.nextInt(8));
            return new ByteMutator.Result(text(json.substring(0, at) + c + json.substring(at + 1)),
                    "char " + at + " '" + json.charAt(at) + "' -> " + (c == 0 ? "NUL" : "'" + c + "'"));
        }
        JsonNode root = MAPPER.readTree(json);
        List<ObjectNode> layers = new ArrayList<>();
        collectLayers(root, layers);
        String d = switch (kind) {
            case JSON_WRONG_TYPE -> wrongType(root, r);
            case JSON_MISSING_KEY -> missingKey(root, layers, r);
            case JSON_UNKNOWN_LAYER -> unknownLayer(layers, r);
            case JSON_CODE_LAYER -> codeLayer(layers, r);
            case JSON_CYCLE -> cycle(layers, r);
            case JSON_ABSURD_SHAPE -> absurdShape(layers, r);
            case JSON_KERNEL_MISMATCH -> kernelMismatch(layers, r);
            default -> throw new IllegalArgumentException(kind + " is no config mutation");
        };
        return d == null ? null : new ByteMutator.Result(text(MAPPER.writeValueAsString(root)), d);
    }

    private static byte[] text(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

    /** Every object of a "layers" list, nested models included. */
    private static void collectLayers(JsonNode n, List<ObjectNode> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("layers") && e.getValue().isArray()) {
                    for (JsonNode l : e.getValue()) if (l.isObject() && l.has("class_name")) out.add((ObjectNode) l);
                }
                collectLayers(e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) collectLayers(e, out);
        }
    }

    private static void slots(JsonNode n, List<Slot> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(new Slot(n, f, -1));
                slots(n.get(f), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                slots(n.get(i), out);
            }
        }
    }

    private static String name(ObjectNode layer) {
        JsonNode n = layer.has("name") ? layer.get("name") : layer.path("config").get("name");
        return n == null ? "?" : n.asText();
    }

    private static String wrongType(JsonNode root, SplittableRandom r) {
        List<Slot> all = new ArrayList<>();
        slots(root, all);
        Slot s = all.get(r.nextInt(all.size()));
        JsonNode old = s.get();
        JsonNode[] choices = {F.textNode("x"), F.numberNode(7), F.numberNode(0.5), F.booleanNode(true), F.nullNode(), F.arrayNode(),
                F.objectNode(), F.numberNode(1e308), F.numberNode(Long.MIN_VALUE), F.numberNode(new java.math.BigInteger("1" + "0".repeat(40)))};
        JsonNode v;
        do {
            v = choices[r.nextInt(choices.length)];
        } while (v.getNodeType() == old.getNodeType() && v.equals(old));
        s.set(v);
        return s.where() + " " + brief(old) + " -> " + brief(v);
    }

    private static String missingKey(JsonNode root, List<ObjectNode> layers, SplittableRandom r) {
        List<Slot> fields = new ArrayList<>();
        if (!layers.isEmpty() && r.nextInt(10) < 7) {
            ObjectNode l = layers.get(r.nextInt(layers.size()));
            slots(l, fields);
        } else {
            slots(root, fields);
        }
        fields.removeIf(s -> s.field() == null);
        if (fields.isEmpty()) return null;
        Slot s = fields.get(r.nextInt(fields.size()));
        ((ObjectNode) s.parent()).remove(s.field());
        return "removed " + s.where();
    }

    private static String unknownLayer(List<ObjectNode> layers, SplittableRandom r) {
        if (layers.isEmpty()) return null;
        ObjectNode l = layers.get(r.nextInt(layers.size()));
        String[] names = {"NoSuchLayer", "MyCustomConv", "Conv3D", "LSTM", "Attention", ""};
        String old = l.path("class_name").asText();
        String cls = r.nextInt(3) == 0 ? layers.get(r.nextInt(layers.size())).path("class_name").asText() : names[r.nextInt(names.length)];
        l.put("class_name", cls);
        if (r.nextBoolean()) l.put("module", "my_project.layers");
        return "layer '" + name(l) + "' " + old + " -> '" + cls + "'";
    }

    private static String codeLayer(List<ObjectNode> layers, SplittableRandom r) {
        List<ObjectNode> ok = layers.stream().filter(l -> !l.path("class_name").asText().equals("InputLayer")).toList();
        if (ok.isEmpty()) return null;
        ObjectNode l = ok.get(r.nextInt(ok.size()));
        String cls = new String[] {"Lambda", "TFOpLambda", "SlicingOpLambda"}[r.nextInt(3)];
        String old = l.path("class_name").asText();
        l.put("class_name", cls);
        if (l.get("config") instanceof ObjectNode c) {
            c.putArray("function").add("4wEAAAAAAAAA").addNull().addNull();
            c.put("function_type", "lambda");
        }
        return "layer '" + name(l) + "' " + old + " -> " + cls;
    }

    /** Feeds a layer from itself or from a layer that it feeds: always a cycle. */
    private static String cycle(List<ObjectNode> layers, SplittableRandom r) {
        List<ObjectNode> fed = layers.stream().filter(l -> !refs(l).isEmpty()).toList();
        if (fed.isEmpty()) return null;
        ObjectNode l = fed.get(r.nextInt(fed.size()));
        String me = name(l);
        List<String> to = new ArrayList<>(List.of(me));
        for (ObjectNode o : layers) for (ArrayNode ref : refs(o)) if (ref.get(0).asText().equals(me)) to.add(name(o));
        String target = to.get(r.nextInt(to.size()));
        List<ArrayNode> mine = refs(l);
        ArrayNode ref = mine.get(r.nextInt(mine.size()));
        String old = ref.get(0).asText();
        ref.set(0, F.textNode(target));
        return "layer '" + me + "' fed by '" + target + "' instead of '" + old + "'";
    }

    /** The [layer, node, tensor] references of a layer's inbound_nodes (Keras 2 lists and Keras 3 keras_history). */
    private static List<ArrayNode> refs(ObjectNode layer) {
        List<ArrayNode> out = new ArrayList<>();
        JsonNode in = layer.get("inbound_nodes");
        if (in != null) findRefs(in, out, false);
        return out;
    }

    private static void findRefs(JsonNode n, List<ArrayNode> out, boolean history) {
        if (n.isArray()) {
            if (n.size() >= 3 && n.get(0).isTextual() && n.get(1).isIntegralNumber()) {
                out.add((ArrayNode) n);
                return;
            }
            for (JsonNode e : n) findRefs(e, out, history);
        } else if (n.isObject()) {
            for (JsonNode e : n) findRefs(e, out, history);
        }
    }

    private static String absurdShape(List<ObjectNode> layers, SplittableRandom r) {
        List<Slot> ints = new ArrayList<>();
        for (ObjectNode l : layers) {
            List<Slot> s = new ArrayList<>();
            slots(l, s);
            for (Slot x : s) {
                if (x.field() != null && SHAPE_KEYS.contains(x.field())) {
                    JsonNode v = x.get();
                    if (v.isIntegralNumber()) ints.add(x);
                    else if (v.isArray()) collectInts(v, ints);
                }
            }
        }
        if (ints.isEmpty()) return null;
        Slot s = ints.get(r.nextInt(ints.size()));
        long v = ABSURD[r.nextInt(ABSURD.length)];
        String old = s.get().toString();
        s.set(F.numberNode(v));
        return s.where() + " " + old + " -> " + v;
    }

    private static void collectInts(JsonNode arr, List<Slot> out) {
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i).isIntegralNumber() || arr.get(i).isNull()) out.add(new Slot(arr, null, i));
            else if (arr.get(i).isArray()) collectInts(arr.get(i), out);
        }
    }

    private static String kernelMismatch(List<ObjectNode> layers, SplittableRandom r) {
        List<ObjectNode> ok = layers.stream().filter(l -> KERNEL_CLASSES.contains(l.path("class_name").asText())
                && l.get("config") instanceof ObjectNode).toList();
        if (ok.isEmpty()) return null;
        ObjectNode l = ok.get(r.nextInt(ok.size()));
        ObjectNode c = (ObjectNode) l.get("config");
        String cls = l.path("class_name").asText();
        List<String> options = new ArrayList<>();
        switch (cls) {
            case "Dense" -> options.addAll(List.of("units", "use_bias"));
            case "BatchNormalization" -> options.addAll(List.of("center", "scale"));
            case "DepthwiseConv2D" -> options.addAll(List.of("kernel_size", "depth_multiplier", "use_bias"));
            case "SeparableConv2D" -> options.addAll(List.of("kernel_size", "depth_multiplier", "filters", "use_bias"));
            default -> options.addAll(List.of("kernel_size", "filters", "use_bias"));
        }
        String key = options.get(r.nextInt(options.size()));
        String old = String.valueOf(c.get(key));
        switch (key) {
            case "use_bias", "center", "scale" -> c.put(key, !c.path(key).asBoolean(true));
            case "kernel_size" -> {
                JsonNode k = c.get("kernel_size");
                if (k instanceof ArrayNode a && a.size() == 2) {
                    int i = r.nextInt(2);
                    a.set(i, F.numberNode(a.get(i).asInt() + 1));
                } else {
                    c.put("kernel_size", (k == null ? 1 : k.asInt()) + 1);
                }
            }
            default -> c.put(key, c.path(key).asInt(1) + 1);
        }
        return "layer '" + name(l) + "' (" + cls + ") " + key + " " + old + " -> " + c.get(key);
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
