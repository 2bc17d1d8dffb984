package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model used as a layer: kaggle_custom_convnet (Sequential) nested inside a functional model
 * {@code img → Rescaling(1, 0) → kaggle_custom_convnet}, applied twice (a shared nested model).
 * The architecture is written as Keras 3 JSON; the weights in Keras 3's layout, nested under
 * {@code layers/sequential/layers/...}, copied from the fixture's .weights.h5 with jhdf's writer.
 */
class NestedModelTest {
    @TempDir Path dir;

    @Test
    void aNestedSequentialRunsAndSharesItsWeights() throws Exception {
        Path keras = Fixtures.file("keras3/kaggle_custom_convnet.keras");
        ObjectMapper om = new ObjectMapper();
        ObjectNode inner = (ObjectNode) om.readTree(TestFiles.zipEntryText(keras, "config.json"));
        inner.put("name", "kaggle_custom_convnet");
        ArrayNode nodes = inner.putArray("inbound_nodes");
        nodes.add(om.readTree(tensorArg("pre", 0)));
        nodes.add(om.readTree(tensorArg("img", 0)));
        String outer = """
                {"module": "keras", "class_name": "Functional", "config": {"name": "outer", "trainable": true, "layers": [
                  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 128, 128, 3], "dtype": "float32", "name": "img"}, "registered_name": null, "name": "img", "inbound_nodes": []},
                  {"module": "keras.layers", "class_name": "Rescaling", "config": {"name": "pre", "scale": 1.0, "offset": 0.0}, "registered_name": null, "name": "pre", "inbound_nodes": [%s]},
                  %s,
                  {"module": "keras.layers", "class_name": "Add", "config": {"name": "both"}, "registered_name": null, "name": "both", "inbound_nodes": [{"args": [[%s, %s]], "kwargs": {}}]}
                ], "input_layers": [["img", 0, 0]], "output_layers": [["both", 0, 0]]}}
                """.formatted(tensorArg("img", 0), inner, tensor("kaggle_custom_convnet", 0), tensor("kaggle_custom_convnet", 1));
        Path arch = TestFiles.write(dir, "outer.json", outer);
        Path weights = dir.resolve("outer.weights.h5");
        nestWeights(Fixtures.file("keras3/kaggle_custom_convnet.weights.h5"), weights, "/layers/sequential/layers");

        KerasModel m = KerasModel.load(weights, arch);
        KerasModel flat = KerasModel.load(keras);
        assertEquals(java.util.List.of("img", "pre", "kaggle_custom_convnet", "both"), m.layerNames());
        assertTrue(m.layer("kaggle_custom_convnet") instanceof Graph, "the nested model runs as a core Graph");
        SummaryRow nested = m.rows().get(2);
        assertEquals("Sequential", nested.className());
        assertEquals(291_405, nested.params(), "a nested model's row counts all its parameters");
        assertEquals(291_405, m.totalParams(), "a shared nested model counts once");
        assertTrue(m.graph().hasNode("kaggle_custom_convnet:1"), "the second application is its own node");

        try (IoReference ref = new IoReference(Fixtures.file("keras3/kaggle_custom_convnet.io.h5"))) {
            Tensor x = ref.input();
            Map<String, Tensor> a = m.activations(x, "kaggle_custom_convnet", "kaggle_custom_convnet:1", "both");
            Tensor y = flat.predict(x);
            assertArrayEquals(y.data(), a.get("kaggle_custom_convnet").data(), "nested = flat model (x·1+0 is exact)");
            assertArrayEquals(y.data(), a.get("kaggle_custom_convnet:1").data());
            Tensor kerasOut = ref.output("dense_1");
            double rel = a.get("kaggle_custom_convnet").maxAbsDiff(kerasOut) / kerasOut.maxAbs();
            assertTrue(rel <= 1e-5, "nested output vs Keras: rel " + rel);
            assertEquals(2 * y.data()[0], a.get("both").data()[0], 1e-6f);
        }
    }

    private static String tensorArg(String layer, int node) {
        return "{\"args\": [" + tensor(layer, node) + "], \"kwargs\": {}}";
    }

    private static String tensor(String layer, int node) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": null, \"dtype\": \"float32\", \"keras_history\": [\""
                + layer + "\", " + node + ", 0]}}";
    }

    /** Copies every /layers/<key>/vars/<i> of {@code from} to {@code <under>/<key>/vars/<i>} in a new file. */
    private static void nestWeights(Path from, Path to, String under) throws Exception {
        try (HdfFile src = HdfFile.fromBytes(Files.readAllBytes(from)); WritableHdfFile dst = HdfFile.write(to)) {
            WritableGroup g = dst;
            for (String part : under.substring(1).split("/")) g = g.putGroup(part);
            Group layers = (Group) src.getChild("layers");
            for (Node key : layers) {
                WritableGroup vars = g.putGroup(key.getName()).putGroup("vars");
                Node v = ((Group) key).getChild("vars");
                if (v instanceof Group vg) {
                    for (Node d : vg) {
                        Dataset ds = (Dataset) d;
                        vars.putDataset(ds.getName(), nested((float[]) ds.getDataFlat(), ds.getDimensions()));
                    }
                }
            }
        }
    }

    /** A flat array as a Java multi-dimensional float array of the given shape (jhdf's writer wants those). */
    private static Object nested(float[] flat, int[] shape) {
        if (shape.length == 1) return flat.clone();
        Object arr = Array.newInstance(float.class, shape);
        int inner = flat.length / shape[0];
        int[] rest = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        for (int i = 0; i < shape[0]; i++) {
            Array.set(arr, i, nested(java.util.Arrays.copyOfRange(flat, i * inner, (i + 1) * inner), rest));
        }
        return arr;
    }
}
