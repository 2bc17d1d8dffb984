package org.convscope.viz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Teachable-Machine-like model two nesting levels deep, written as a {@code .keras} archive from
 * the {@code apps/transfer_mobilenetv2.keras} fixture: an outer Sequential {@code teachable} whose
 * only layer is that whole transfer model (a Sequential named {@code sequential}), which holds the
 * MobileNetV2 base. So {@code sequential/mobilenetv2_0.35_96/Conv1} is a depth-2 path. The weights
 * are the fixture's, moved one level down ({@code /layers/sequential/layers/...}, Keras 3's layout
 * for a nested model).
 */
final class TeachableNest {
    private TeachableNest() {}

    /** Writes {@code teachable.keras} into {@code dir}; {@code weights} may change the copied datasets (by HDF5 path). */
    static Path write(Path dir, UnaryOperator<Map<String, Object>> weights) throws IOException {
        Path src = TestFixtures.file("apps/transfer_mobilenetv2.keras");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile z = new ZipFile(src.toFile())) {
            for (var e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                try (InputStream in = z.getInputStream(ze)) { entries.put(ze.getName(), in.readAllBytes()); }
            }
        }
        ObjectMapper om = new ObjectMapper();
        ObjectNode inner = (ObjectNode) om.readTree(entries.get("config.json"));
        ObjectNode outer = om.createObjectNode();
        outer.put("module", "keras");
        outer.put("class_name", "Sequential");
        ObjectNode cfg = outer.putObject("config");
        cfg.put("name", "teachable");
        cfg.put("trainable", true);
        ArrayNode layers = cfg.putArray("layers");
        layers.add(om.readTree("{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 96, 96, 3], "
                + "\"dtype\": \"float32\", \"sparse\": false, \"name\": \"image\"}, \"registered_name\": null}"));
        inner.remove("compile_config");
        layers.add(inner);
        outer.putNull("registered_name");

        Map<String, Object> data = new java.util.LinkedHashMap<>();
        try (HdfFile h = HdfFile.fromBytes(entries.get("model.weights.h5"))) {
            collect(h, "", data);
        }
        data = weights.apply(data);
        Path h5 = Files.createTempFile(dir, "teachable", ".weights.h5");
        try (WritableHdfFile out = HdfFile.write(h5)) {
            // only groups that hold datasets: jhdf 0.13's writer can write an unreadable file with empty groups
            WritableGroup root = out.putGroup("layers").putGroup("sequential");
            Map<String, WritableGroup> groups = new HashMap<>();
            for (var e : data.entrySet()) {
                String path = e.getKey();                        // e.g. /layers/functional/layers/conv2d/vars/0
                String parent = path.substring(0, path.lastIndexOf('/'));
                WritableGroup g = group(root, parent, groups);
                g.putDataset(path.substring(path.lastIndexOf('/') + 1), e.getValue());
            }
        }
        Path keras = dir.resolve("teachable.keras");
        try (ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(keras))) {
            put(zo, "metadata.json", entries.get("metadata.json"));
            put(zo, "config.json", om.writeValueAsBytes(outer));
            put(zo, "model.weights.h5", Files.readAllBytes(h5));
        }
        Files.delete(h5);
        return keras;
    }

    private static void put(ZipOutputStream zo, String name, byte[] b) throws IOException {
        zo.putNextEntry(new ZipEntry(name));
        zo.write(b);
        zo.closeEntry();
    }

    /** Every dataset under the file's /layers, by path, as jhdf's Java arrays. */
    private static void collect(Group g, String path, Map<String, Object> out) {
        for (Node n : g) {
            String p = path + "/" + n.getName();
            if (n instanceof Group c) collect(c, p, out);
            else if (n instanceof Dataset d && p.startsWith("/layers/")) out.put(p, d.getData());
        }
    }

    /** The group for a source path /layers/a/b/..., created under /layers/sequential/layers/a/b/... */
    private static WritableGroup group(WritableGroup root, String sourcePath, Map<String, WritableGroup> groups) {
        String rel = sourcePath.substring("/layers".length());   // "/functional/layers/conv2d/vars"
        String key = "layers" + rel;
        WritableGroup g = groups.get(key);
        if (g != null) return g;
        String[] parts = key.split("/");
        WritableGroup cur = root;
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0) sb.append('/');
            sb.append(part);
            WritableGroup known = groups.get(sb.toString());
            if (known == null) {
                known = cur.putGroup(part);
                groups.put(sb.toString(), known);
            }
            cur = known;
        }
        return cur;
    }
}
