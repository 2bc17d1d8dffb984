package org.convscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.convscope.graph.Graph;
import org.convscope.graph.GraphBuilder;
import org.convscope.keras.KerasModel;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Rescaling;

/**
 * A benchmark-side stand-in for Keras's {@code Normalization} layer, which convscope's loader does not
 * have yet on this branch (EfficientNetB0 starts with one). An adapted Normalization over the last
 * axis computes {@code (x − mean) / max(√variance, 1e-7)} per channel, which is the per-channel
 * Rescaling {@code x·s + o} with {@code s = 1 / max(√variance, 1e-7)} and {@code o = −mean·s}
 * (equal up to float rounding: one multiply-add instead of a subtract and a divide).
 *
 * <p>How, without touching io-keras: the archive's {@code config.json} is rewritten in memory so
 * that each Normalization layer becomes a nested Functional model of the same name holding one
 * Rescaling with those constants (mean and variance read from {@code model.weights.h5}). The loader
 * then treats the layer's weight group as a nested model's (whose own sublayers have no weights), so
 * the weights file is used unchanged. {@link #flatten} afterwards puts the Rescaling itself in the
 * nested model's place, so the graph that runs is the one the loader will build once it has the
 * layer: the same nodes, names and inputs, a per-channel affine layer at {@code normalization}.
 * (Rewriting the weights file with jhdf 0.13's writer instead gave a file jhdf could not read back.)
 * The model file itself is never changed.
 *
 * <p>Used only where convscope's own loader refuses the model (see {@link Apps#load}); once the
 * loader has Normalization, the real layer is used and this class is no longer reached.
 */
public final class NormalizationStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INNER = "/affine";

    private NormalizationStandIn() {}

    /**
     * {@return the model's graph with every Normalization layer as an equivalent Rescaling}
     *
     * @param file a {@code .keras} archive
     */
    public static Graph load(Path file) {
        try {
            byte[] rewritten = rewrite(Files.readAllBytes(file));
            String name = file.getFileName().toString().replaceFirst("\\.keras$", "") + "-normalization-as-rescaling.keras";
            return flatten(KerasModel.load(rewritten, name).graph());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Rewrites a {@code .keras} archive's config (see the class comment).
     *
     * @param keras the archive's bytes
     * @return the rewritten archive's bytes
     * @throws IOException if the archive cannot be read
     * @throws IllegalArgumentException if it has no Normalization layer, or one this stand-in cannot express
     */
    public static byte[] rewrite(byte[] keras) throws IOException {
        Map<String, byte[]> entries = unzip(keras);
        byte[] configBytes = entries.get("config.json"), weightBytes = entries.get("model.weights.h5");
        if (configBytes == null || weightBytes == null) throw new IllegalArgumentException("not a .keras archive (config.json, model.weights.h5)");
        JsonNode root = JSON.readTree(configBytes);
        ArrayNode layers = (ArrayNode) root.path("config").path("layers");
        int replaced = 0;
        try (HdfFile h5 = HdfFile.fromBytes(weightBytes)) {
            Map<String, String> keyByName = new LinkedHashMap<>();
            if (h5.getChild("layers") instanceof Group layerGroups) {
                for (Map.Entry<String, Node> e : layerGroups.getChildren().entrySet()) {
                    if (e.getValue() instanceof Group g && g.getChild("vars") instanceof Group vars && vars.getAttribute("name") != null) {
                        keyByName.put(String.valueOf(vars.getAttribute("name").getData()), e.getKey());
                    }
                }
            }
            int seen = 0;
            for (int i = 0; i < layers.size(); i++) {
                JsonNode l = layers.get(i);
                if (!l.path("class_name").asText().equals("Normalization")) continue;
                String name = l.path("name").asText(l.path("config").path("name").asText());
                JsonNode cfg = l.path("config");
                if (cfg.path("invert").asBoolean(false)) throw new IllegalArgumentException(name + ": invert=True is not supported");
                JsonNode axis = cfg.path("axis");
                int ax = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.isInt() ? axis.asInt() : Integer.MIN_VALUE;
                if (ax != -1 && ax != 3) throw new IllegalArgumentException(name + ": only a Normalization over the last axis of NHWC images, got axis " + axis);
                if (cfg.path("mean").isArray()) {
                    throw new IllegalArgumentException(name + ": a Normalization with constant mean/variance in its config is not handled by the stand-in");
                }
                String key = keyByName.getOrDefault(name, seen == 0 ? "normalization" : "normalization_" + seen);
                seen++;
                float[] mean = flat(h5.getDatasetByPath("/layers/" + key + "/vars/0"));
                float[] variance = flat(h5.getDatasetByPath("/layers/" + key + "/vars/1"));
                ArrayNode scale = JSON.createArrayNode(), offset = JSON.createArrayNode();
                for (int c = 0; c < mean.length; c++) {
                    float s = 1f / Math.max((float) Math.sqrt(variance[c]), 1e-7f);
                    scale.add((double) s);
                    offset.add((double) (-mean[c] * s));
                }
                layers.set(i, nested((ObjectNode) l, name, scale, offset));
                replaced++;
            }
        }
        if (replaced == 0) throw new IllegalArgumentException("the model has no Normalization layer");
        entries.put("config.json", JSON.writeValueAsBytes(root));
        return zip(entries);
    }

    /** The Normalization layer as a nested Functional model {@code name} of one Rescaling, fed by the same inbound nodes. */
    private static ObjectNode nested(ObjectNode normalization, String name, ArrayNode scale, ArrayNode offset) {
        JsonNode shape = normalization.path("build_config").path("input_shape");
        if (!shape.isArray()) throw new IllegalArgumentException(name + ": no build_config input_shape");
        ObjectNode input = JSON.createObjectNode();
        input.put("module", "keras.layers");
        input.put("class_name", "InputLayer");
        ObjectNode ic = input.putObject("config");
        ic.set("batch_shape", shape);
        ic.put("dtype", "float32");
        ic.put("name", name + "/input");
        input.putNull("registered_name");
        input.put("name", name + "/input");
        input.putArray("inbound_nodes");

        ObjectNode affine = JSON.createObjectNode();
        affine.put("module", "keras.layers");
        affine.put("class_name", "Rescaling");
        ObjectNode ac = affine.putObject("config");
        ac.put("name", name + INNER);
        ac.put("trainable", true);
        ac.set("scale", scale);
        ac.set("offset", offset);
        affine.putNull("registered_name");
        affine.put("name", name + INNER);
        ObjectNode tensor = JSON.createObjectNode();
        tensor.put("class_name", "__keras_tensor__");
        ObjectNode tc = tensor.putObject("config");
        tc.set("shape", shape);
        tc.put("dtype", "float32");
        tc.putArray("keras_history").add(name + "/input").add(0).add(0);
        ObjectNode call = affine.putArray("inbound_nodes").addObject();
        call.putArray("args").add(tensor);
        call.putObject("kwargs");

        ObjectNode model = JSON.createObjectNode();
        model.put("module", "keras.src.models.functional");
        model.put("class_name", "Functional");
        ObjectNode mc = model.putObject("config");
        mc.put("name", name);
        mc.put("trainable", true);
        ArrayNode inner = mc.putArray("layers");
        inner.add(input);
        inner.add(affine);
        mc.putArray("input_layers").add(name + "/input").add(0).add(0);
        mc.putArray("output_layers").add(name + INNER).add(0).add(0);
        model.put("registered_name", "Functional");
        model.put("name", name);
        model.set("inbound_nodes", normalization.get("inbound_nodes"));
        return model;
    }

    /**
     * {@return the graph with each nested model made by {@link #rewrite} replaced by its Rescaling, under the nested model's node name}
     *
     * @param g a graph loaded from a rewritten archive
     */
    public static Graph flatten(Graph g) {
        GraphBuilder b = Graph.builder(g.name());
        for (org.convscope.graph.Node n : g.nodes()) {
            if (n.layer() instanceof InputLayer) {
                b.input(n.name(), g.shapeOf(n.name()));
            } else if (n.layer() instanceof Graph inner && inner.hasNode(inner.name() + INNER)
                    && inner.node(inner.name() + INNER).layer() instanceof Rescaling r && inner.nodes().size() == 2) {
                b.add(new org.convscope.graph.Node(n.name(), new Rescaling(n.name(), r.scale(), r.offset()), n.inbound()));
            } else {
                b.add(n);
            }
        }
        b.outputs(g.outputNames().toArray(String[]::new));
        return b.build();
    }

    private static float[] flat(Dataset ds) {
        Object o = ds.getDataFlat();
        if (o instanceof float[] f) return f;
        double[] d = (double[]) o;
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) m.put(e.getName(), z.readAllBytes());
        }
        return m;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
