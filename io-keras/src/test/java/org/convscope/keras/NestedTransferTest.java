package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.convscope.graph.Graph;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.geometry.Padding;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Transfer learning: {@code apps/transfer_mobilenetv2} (a MobileNetV2 base nested in a Sequential)
 * in both formats, and the same model nested once more ({@link TeachableNest}, two levels). The
 * layers inside the base are reached by path; their outputs are checked against the base run
 * alone, the seven-loop reference convolution, and Keras's output of the base.
 */
class NestedTransferTest {
    private static final String BASE = "mobilenetv2_0.35_96";
    @TempDir Path dir;

    private static double rel(Tensor got, Tensor want) {
        return got.maxAbsDiff(want) / Math.max(1e-30, want.maxAbs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h5", "keras"})
    void theSummaryShowsTheBaseAsOneRowAndExpandsIt(String ext) {
        KerasModel m = KerasModel.load(Fixtures.file("apps/transfer_mobilenetv2." + ext));
        String plain = m.summary();
        assertTrue(plain.contains(" " + BASE + " (Functional)"), plain);
        assertFalse(plain.contains("Conv1 (Conv2D)"), "one row for the base, like Keras");
        assertTrue(plain.contains("Total params: 416,613"), plain);

        String expanded = m.summary(true);
        List<SummaryRow> inner = m.nestedRows(BASE);
        assertEquals(154, inner.size(), "the base's model.layers");
        assertEquals(410_208, inner.stream().mapToLong(SummaryRow::params).sum(), "the base's rows add up to its row");
        assertEquals(154, expanded.lines().filter(l -> l.startsWith("    \u2514 ")).count(), expanded);
        assertTrue(expanded.contains("    \u2514 Conv1 (Conv2D)"), expanded);
        assertTrue(expanded.contains("    \u2514 block_3_expand (Conv2D)"), expanded);
        assertTrue(expanded.contains("Total params: 416,613 (1.59 MB)"), "the expansion does not count twice");
        assertTrue(expanded.indexOf(BASE + " (Functional)") < expanded.indexOf("\u2514 Conv1") && expanded.indexOf("\u2514 Conv1") < expanded.indexOf("global_average_pooling2d"),
                "the inner rows follow the base's row");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.nestedRows("dense"));
        assertTrue(e.getMessage().contains("its nested models are: " + BASE), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h5", "keras"})
    void anInnerLayerEqualsTheBaseRunAloneAndTheReferenceConvolution(String ext) throws Exception {
        KerasModel m = KerasModel.load(Fixtures.file("apps/transfer_mobilenetv2." + ext));
        try (IoReference ref = new IoReference(Fixtures.file("apps/transfer_mobilenetv2.io.h5"))) {
            Tensor x = ref.input();
            String expand = BASE + "/block_3_expand", add = BASE + "/block_2_add", out = BASE + "/out_relu";
            Map<String, Tensor> got = m.activations(x, expand, add, BASE, out);
            // the base alone, on what feeds it in the outer model (the Sequential's input: x itself)
            Graph base = (Graph) m.layer(BASE);
            Map<String, Tensor> alone = base.activations(x, List.of("block_3_expand", "block_2_add"));
            assertTrue(rel(got.get(expand), alone.get("block_3_expand")) <= 1e-6, "path = base alone: " + rel(got.get(expand), alone.get("block_3_expand")));
            assertTrue(rel(got.get(add), alone.get("block_2_add")) <= 1e-6);
            // block_3_expand is a 1x1 conv without bias, followed by BN and ReLU6 that fusion would fold in
            Tensor kernel = m.layer(expand).weights().get(0).value();
            assertEquals(1, m.layer(expand).weights().size(), "use_bias=False");
            Tensor want = ReferenceConv2D.conv2d(got.get(add), kernel, null, new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1);
            assertTrue(rel(got.get(expand), want) <= 1e-5, "the plain convolution, not the fused chain: " + rel(got.get(expand), want));
            // the base's output, by its name and by its inner path, against Keras
            Tensor keras = ref.output(BASE);
            assertTrue(rel(got.get(BASE), keras) <= 1e-5, "vs Keras " + rel(got.get(BASE), keras));
            assertEquals(0, got.get(out).maxAbsDiff(got.get(BASE)), 0.0);
            assertTrue(rel(m.predict(x), ref.output("dense")) <= 1e-5);
        }
    }

    @Test
    void twoLevelsDeepPathsSummaryAndPrediction() throws Exception {
        KerasModel deep = KerasModel.load(TeachableNest.write(dir, UnaryOperator.identity()));
        KerasModel one = KerasModel.load(Fixtures.file("apps/transfer_mobilenetv2.keras"));
        assertEquals(List.of("sequential"), deep.layerNames());
        assertEquals(416_613, deep.totalParams());
        String expanded = deep.summary(true);
        assertTrue(expanded.contains("    \u2514 " + BASE + " (Functional)"), expanded);
        assertTrue(expanded.contains("       \u2514 block_3_expand (Conv2D)"), "second level, indented twice:\n" + expanded);
        assertEquals(4 + 154, deep.nestedRows("sequential").size() + deep.nestedRows("sequential/" + BASE).size());
        try (IoReference ref = new IoReference(Fixtures.file("apps/transfer_mobilenetv2.io.h5"))) {
            Tensor x = ref.input();
            String path = "sequential/" + BASE + "/block_3_expand";
            Tensor got = deep.activations(x, path).get(path);
            Tensor other = one.activations(x, BASE + "/block_3_expand").get(BASE + "/block_3_expand");
            assertEquals(0, got.maxAbsDiff(other), 1e-6, "depth 2 = depth 1 of the same weights");
            Graph mid = (Graph) deep.layer("sequential");
            Graph base = (Graph) deep.layer("sequential/" + BASE);
            assertEquals(0, got.maxAbsDiff(base.activations(x, List.of("block_3_expand")).get("block_3_expand")), 1e-6);
            assertEquals(0, deep.predict(x).maxAbsDiff(mid.predict(x)), 1e-6);
            assertTrue(rel(deep.predict(x), ref.output("dense")) <= 1e-5, "vs Keras");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> deep.activations(x, "sequential/" + BASE + "/block_3_expnd"));
            assertTrue(e.getMessage().contains("nested model 'sequential/" + BASE + "' has no layer 'block_3_expnd'; did you mean 'sequential/" + BASE
                    + "/block_3_expand'"), e.getMessage());
            IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> deep.layer("sequential/mobilenet/Conv1"));
            assertTrue(l.getMessage().contains("nested model 'sequential' has no layer 'mobilenet/Conv1'; did you mean 'sequential/" + BASE + "'"), l.getMessage());
        }
    }

    @Test
    void aBadWeightInsideTheNestedBaseIsNamedByItsPath() throws Exception {
        Path bad = TeachableNest.write(dir, data -> {
            String conv1 = "/layers/functional/layers/conv2d/vars/0";         // the base's first Conv2D: Conv1, (3, 3, 3, 16)
            assertTrue(data.get(conv1) instanceof float[][][][] k && k[0][0][0].length == 16, "the fixture's layout");
            data.put(conv1, new float[3][3][3][8]);
            return data;
        });
        WeightMismatchException e = assertThrows(WeightMismatchException.class, () -> KerasModel.load(bad));
        assertTrue(e.getMessage().contains("layer 'sequential/" + BASE + "/Conv1' (Conv2D)"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.toString()) || e.getMessage().contains("model.weights.h5"), "names the file: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /**
     * The architecture of the transfer model with the base's Conv1 cut to 8 filters, loaded over the
     * real weights in both layouts (the legacy .h5's one group for the whole base, and Keras 3's
     * nested layers/): the error names the layer by its path.
     */
    @Test
    void aWeightShapeMismatchInsideTheBaseNamesThePathInBothLayouts() throws Exception {
        Path keras = Fixtures.file("apps/transfer_mobilenetv2.keras");
        String config = TestFiles.zipEntryText(keras, "config.json");
        String conv1 = "\"name\": \"Conv1\", \"trainable\": true, \"dtype\"";
        assertTrue(config.contains(conv1), "the fixture's spelling");
        int at = config.indexOf("\"filters\": 16", config.indexOf(conv1));
        assertTrue(at > 0 && at - config.indexOf(conv1) < 400, "Conv1's own filters");
        String cut = config.substring(0, at) + "\"filters\": 8" + config.substring(at + "\"filters\": 16".length());
        Path arch = TestFiles.write(dir, "cut.json", cut);
        Path weights3 = TestFiles.write(dir, "model.weights.h5", TestFiles.zipEntryBytes(keras, "model.weights.h5"));
        for (Path weights : List.of(weights3, Fixtures.file("apps/transfer_mobilenetv2.h5"))) {
            WeightMismatchException e = assertThrows(WeightMismatchException.class, () -> KerasModel.load(weights, arch));
            assertTrue(e.getMessage().contains("layer '" + BASE + "/Conv1' (Conv2D)"), e.getMessage());
            assertTrue(e.getMessage().contains("(3, 3, 3, 8)") && e.getMessage().contains("(3, 3, 3, 16)"), "both shapes: " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
