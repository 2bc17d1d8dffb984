package org.convscope.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The config edits of issue 21: custom (registered) classes on any layer, the input layer and
 * nested or outer models included ({@link FuzzKind#CUSTOM_LAYER}); long values (names, class
 * names, shapes) that error messages must cut ({@link FuzzKind#LONG_VALUE}); and config texts over
 * the memory budget ({@link FuzzKind#HUGE_CONFIG}, {@link BigConfig#huge}). Returns the new JSON text.
 */
final class HostileConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Sizes of a huge config: all over the largest config budget (16 MiB). */
    static final int[] HUGE_MIB = {17, 24, 40};

    private HostileConfig() {}

    static ByteMutator.Result mutate(FuzzKind kind, String json, SplittableRandom r) throws Exception {
        if (kind == FuzzKind.HUGE_CONFIG) {
            int variant = r.nextInt(BigConfig.VARIANTS.length);
            int mib = HUGE_MIB[r.nextInt(HUGE_MIB.length)];
            byte[] big = BigConfig.huge(json, variant, mib << 20, r);
            return new ByteMutator.Result(big, mib + " MiB config: " + BigConfig.VARIANTS[variant]);
        }
        JsonNode root = MAPPER.readTree(json);
        List<ObjectNode> layers = new ArrayList<>();
        collectLayers(root, layers);
        String d = switch (kind) {
            case CUSTOM_LAYER -> custom(root, layers, r);
            case LONG_VALUE -> longValue(layers, r);
            default -> throw new IllegalArgumentException(kind + " is no hostile config edit");
        };
        return d == null ? null : new ByteMutator.Result(MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8), d);
    }

    private static void collectLayers(JsonNode n, List<ObjectNode> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("layers") && e.getValue().isArray()) {
                    for (JsonNode l : e.getValue()) if (l instanceof ObjectNode o) out.add(o);
                }
                collectLayers(e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) collectLayers(e, out);
        }
    }

    /** A custom class: the input layer half the time (when there is one), else any layer, or the model itself. */
    private static String custom(JsonNode root, List<ObjectNode> layers, SplittableRandom r) {
        List<ObjectNode> inputs = layers.stream().filter(l -> l.path("class_name").asText().equals("InputLayer")).toList();
        ObjectNode target;
        String which;
        int pick = r.nextInt(10);
        if (!inputs.isEmpty() && pick < 5) {
            target = inputs.get(r.nextInt(inputs.size()));
            which = "input layer";
        } else if (pick == 9 && root instanceof ObjectNode o) {
            target = o;
            which = "model";
        } else if (!layers.isEmpty()) {
            target = layers.get(r.nextInt(layers.size()));
            which = "layer";
        } else {
            return null;
        }
        String cls = target.path("class_name").asText();
        String how;
        switch (r.nextInt(3)) {
            case 0 -> {
                target.put("module", "my_package.layers");
                target.put("registered_name", "Custom>" + cls);
                how = "module my_package.layers, registered_name Custom>" + cls;
            }
            case 1 -> {
                target.put("module", "my_package.layers");
                how = "module my_package.layers";
            }
            default -> {
                target.put("registered_name", "MyPackage>" + cls);
                how = "registered_name MyPackage>" + cls;
            }
        }
        JsonNode name = target.has("name") ? target.get("name") : target.path("config").get("name");
        return which + " '" + (name == null ? "?" : name.asText()) + "' (" + cls + "): " + how;
    }

    /** A layer's name, class name or a shape list made 64 KB to 400 KB long (under Jackson's 1 MiB string limit). */
    private static String longValue(List<ObjectNode> layers, SplittableRandom r) {
        if (layers.isEmpty()) return null;
        ObjectNode l = layers.get(r.nextInt(layers.size()));
        int n = (64 + r.nextInt(336)) << 10;
        String what;
        switch (r.nextInt(3)) {
            case 0 -> {
                String v = "n".repeat(n);
                if (l.has("name")) l.put("name", v);
                if (l.get("config") instanceof ObjectNode c) c.put("name", v);
                what = "name";
            }
            case 1 -> {
                l.put("class_name", "C".repeat(n));
                what = "class_name";
            }
            default -> {
                if (!(l.get("config") instanceof ObjectNode c)) return null;
                ArrayNode a = c.putArray(c.has("batch_shape") ? "batch_shape" : c.has("batch_input_shape") ? "batch_input_shape"
                        : c.has("kernel_size") ? "kernel_size" : "target_shape");
                a.addNull();
                for (int i = 0; i < n / 2; i++) a.add(7);
                what = "a shape of " + (n / 2 + 1) + " values";
                n = n / 2 + 1;
            }
        }
        return "layer #" + layers.indexOf(l) + " (" + cls(l) + ") " + what + " made " + n + " long";
    }

    private static String cls(ObjectNode l) {
        String c = l.path("class_name").asText();
        return c.length() > 40 ? c.substring(0, 40) + "..." : c;
    }
}
