package org.convscope.keras.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.convscope.keras.Fixtures;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReferenceCheck} on the fixtures: every {@code .io.h5} passes; a changed value, a wrong
 * shape, a missing layer and a reference from another model each give the right FAIL row.
 */
class ReferenceCheckTest {
    private static final Map<String, KerasModel> MODELS = new ConcurrentHashMap<>();

    static Path fixture(String relative) {
        return Fixtures.file(relative);
    }

    static KerasModel model(String relative) {
        return MODELS.computeIfAbsent(relative, r -> KerasModel.load(fixture(r)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras2/cnn_batch_norm", "keras2/conv2d_tensorflow_2", "keras2/sepconv2d_tensorflow_2",
            "trained/fer2013_big_XCEPTION.54-0.66", "trained/gender_mini_XCEPTION.21-0.95", "keras3/kaggle_custom_convnet",
            "keras3/zoo_act_merge", "keras3/zoo_conv", "keras3/zoo_pool_norm", "keras3/convnet_512"})
    void everyFixtureReferencePasses(String stem) {
        String modelFile = stem + (stem.startsWith("trained/") ? ".hdf5" : ".h5");
        KerasModel m = stem.endsWith("convnet_512") ? KerasModel.load(fixture(modelFile)) : model(modelFile);
        CheckReport r = ReferenceCheck.run(m, fixture(stem + ".io.h5"), CheckOptions.defaults());
        System.out.println(r.render());
        assertTrue(r.passed(), r.render());
        // every layer of the model but the input has a reference: nothing left unchecked
        assertEquals(List.of(), r.unchecked());
        assertEquals(m.graph().nodes().size() - 1, r.rows().size());
        for (CheckRow row : r.rows()) assertArrayEquals(row.referenceShape(), row.shape(), row.layer());
        if (stem.endsWith("convnet_512")) {
            assertTrue(r.rows().stream().anyMatch(row -> row.note().startsWith("compared at 4096 sampled positions")), r.render());
        }
        assertTrue(r.verdict().startsWith("PASS: all " + r.rows().size() + " layers"), r.verdict());
    }

    @Test
    void oneChangedValueFailsThatLayerOnly(@TempDir Path tmp) throws Exception {
        ReferenceData ref = ReferenceFile.read(fixture("keras3/zoo_conv.io.h5"));
        ReferenceLayer layer = ref.layers().get("conv_k5_d2_same_nobias");
        Tensor changed = layer.full().copy();
        changed.data()[123] += 0.01f * (float) layer.maxAbs();       // 1e-2 relative, far beyond 1e-5
        Path file = tmp.resolve("zoo_conv_changed.io.h5");
        ReferenceWriter.write(ref.with(ReferenceLayer.full("conv_k5_d2_same_nobias", layer.className(), changed)), file);

        CheckReport r = ReferenceCheck.run(model("keras3/zoo_conv.h5"), file, CheckOptions.defaults());
        List<CheckRow> failed = r.failures();
        assertEquals(1, failed.size(), r.render());
        CheckRow row = failed.get(0);
        assertEquals("conv_k5_d2_same_nobias", row.layer());
        assertEquals("Conv2D", row.className());
        assertEquals(0.01, row.relativeError(), 1e-4, r.render());
        assertEquals("conv_k5_d2_same_nobias", r.worst().layer());
        assertTrue(r.verdict().startsWith("FAIL: 1 of " + r.rows().size() + " layers") && r.verdict().contains("first: conv_k5_d2_same_nobias"), r.verdict());
        // the rest of the file written by jhdf reads back the same: everything else passes
        assertEquals(r.rows().size() - 1, r.rows().stream().filter(CheckRow::ok).count());
    }

    @Test
    void aWrongShapeIsAFailRowWithBothShapes() {
        ReferenceData ref = ReferenceFile.read(fixture("keras3/zoo_conv.io.h5"));
        ReferenceLayer layer = ref.layers().get("conv_k2_same");
        int[] s = layer.shape();
        Tensor wrong = layer.full().reshape(s[0], s[1] * s[2], 1, s[3]);
        CheckReport r = ReferenceCheck.run(model("keras3/zoo_conv.h5"),
                ref.with(ReferenceLayer.full("conv_k2_same", layer.className(), wrong)), CheckOptions.defaults());
        CheckRow row = r.rows().stream().filter(x -> x.layer().equals("conv_k2_same")).findFirst().orElseThrow();
        assertFalse(row.ok());
        assertArrayEquals(s, row.shape());
        assertArrayEquals(new int[] {s[0], s[1] * s[2], 1, s[3]}, row.referenceShape());
        assertEquals("the shapes differ", row.note());
        assertTrue(r.render().contains("(reference " + s[0] + "x" + s[1] * s[2] + "x1x" + s[3] + ")"), r.render());
        assertEquals(1, r.failures().size());
    }

    @Test
    void aLayerTheModelLacksIsAFailRowAtTheEnd() {
        ReferenceData ref = ReferenceFile.read(fixture("keras2/conv2d_tensorflow_2.io.h5"));
        ReferenceData more = ref.with(ReferenceLayer.full("ghost", "Dense", Tensor.full(1f, 1, 3)));
        CheckReport r = ReferenceCheck.run(model("keras2/conv2d_tensorflow_2.h5"), more, CheckOptions.defaults());
        CheckRow last = r.rows().get(r.rows().size() - 1);
        assertEquals("ghost", last.layer());
        assertFalse(last.ok());
        assertNull(last.shape());
        assertArrayEquals(new int[] {1, 3}, last.referenceShape());
        assertEquals("the model has no layer 'ghost'", last.note());
        assertFalse(r.passed());
        assertTrue(r.rows().get(0).ok(), r.render());
    }

    @Test
    void aReferenceFromAnotherModelFails() {
        // same input shape (64x64x1), different network: shared layer names differ in values or shapes
        CheckReport r = ReferenceCheck.run(model("trained/gender_mini_XCEPTION.21-0.95.hdf5"),
                fixture("trained/fer2013_big_XCEPTION.54-0.66.io.h5"), CheckOptions.defaults());
        assertFalse(r.passed());
        assertTrue(r.failures().size() > r.rows().size() / 2, r.render());
        assertTrue(r.rows().stream().anyMatch(x -> x.note().startsWith("the model has no layer")), r.render());
        // a different input shape: one input row, every other row "not run"
        CheckReport other = ReferenceCheck.run(model("keras3/zoo_conv.h5"), fixture("keras3/zoo_pool_norm.io.h5"), CheckOptions.defaults());
        CheckRow first = other.rows().get(0);
        assertEquals("InputLayer", first.className());
        assertArrayEquals(new int[] {2, 23, 20, 4}, first.referenceShape());
        assertArrayEquals(new int[] {-1, 21, 18, 3}, first.shape());
        assertTrue(first.note().contains("does not fit"), first.note());
        assertTrue(other.rows().stream().skip(1).noneMatch(CheckRow::ok));
        assertTrue(other.verdict().startsWith("FAIL"), other.verdict());
    }

    @Test
    void layersOptionAndJson() throws Exception {
        KerasModel m = model("keras3/zoo_conv.h5");
        ReferenceData ref = ReferenceFile.read(fixture("keras3/zoo_conv.io.h5"));
        CheckReport r = ReferenceCheck.run(m, ref, CheckOptions.defaults().withLayers(List.of("conv_k7_valid", "conv_k3_s2_valid")));
        // graph order, not the order asked
        assertEquals(List.of("conv_k3_s2_valid", "conv_k7_valid"), r.rows().stream().map(CheckRow::layer).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceCheck.run(m, ref, CheckOptions.defaults().withLayers(List.of("nope"))));
        assertTrue(e.getMessage().contains("has no layer 'nope'"), e.getMessage());
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(2, json.get("rows").size());
        assertEquals("conv_k3_s2_valid", json.get("rows").get(0).get("layer").asText());
        assertEquals(r.rows().get(0).maxAbsError(), json.get("rows").get(0).get("maxAbsError").asDouble());
        assertEquals("OK", json.get("rows").get(0).get("result").asText());
        // a tolerance of 0 fails every layer that is not bit-exact
        CheckReport strict = ReferenceCheck.run(m, ref, CheckOptions.defaults().withTolerance(0));
        assertEquals(strict.rows().stream().filter(x -> x.maxAbsError() > 0).count(), strict.failures().size());
    }

    @Test
    void sampledLayersCompareAtTheirPositions() {
        Tensor got = Tensor.arange(1, 2, 3, 4);                        // 0..23
        ReferenceLayer exact = ReferenceLayer.sampled("s", "Conv2D", new int[] {1, 2, 3, 4}, new long[] {0, 5, 23},
                new float[] {0, 5, 23}, 23);
        CheckRow ok = ReferenceCheck.compare("s", "Conv2D", got, exact, 1e-5);
        assertTrue(ok.ok());
        assertEquals(0, ok.maxAbsError());
        assertEquals("compared at 3 sampled positions", ok.note());
        ReferenceLayer off = ReferenceLayer.sampled("s", "Conv2D", new int[] {1, 2, 3, 4}, new long[] {0, 5, 23},
                new float[] {0, 5.5f, 23}, 23);
        CheckRow bad = ReferenceCheck.compare("s", "Conv2D", got, off, 1e-5);
        assertFalse(bad.ok());
        assertEquals(0.5, bad.maxAbsError());
        assertEquals(0.5 / 23, bad.relativeError(), 1e-12);
        ReferenceLayer nan = ReferenceLayer.sampled("s", "Conv2D", new int[] {1, 2, 3, 4}, new long[] {1}, new float[] {Float.NaN}, 23);
        assertFalse(ReferenceCheck.compare("s", "Conv2D", got, nan, 1e-5).ok());
    }
}
