package org.convscope.bench.nativeyard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.bench.Emotion;
import org.convscope.bench.onnx.KerasToOnnx;
import org.convscope.bench.onnx.OnnxGraph;
import org.convscope.bench.onnx.OnnxInitializer;
import org.convscope.keras.KerasModel;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ONNX export of the emotion model computes what Keras computes: ONNX Runtime on the exported
 * graph against Keras's reference outputs ({@code .io.h5}) and against convscope's {@code predict},
 * the final softmax and every layer Keras recorded. And the comparison can fail: an export whose
 * first kernel is not transposed is far off. Runs only with {@code -Pnative}.
 */
class EmotionOnnxTest {
    private static final double BOUND = 1e-5;

    private static KerasModel model;
    private static Tensor input;
    private static Map<String, Tensor> keras;
    private static String output;

    @BeforeAll
    static void load() throws Exception {
        model = Emotion.load();
        output = model.graph().outputNames().get(0);
        try (KerasReference ref = new KerasReference(Emotion.referenceFile())) {
            input = ref.input();
            keras = new java.util.LinkedHashMap<>();
            for (String n : ref.outputNames()) keras.put(n, ref.output(n));
        }
    }

    private static double relative(Tensor got, Tensor ref) {
        assertArrayEquals(ref.shape(), got.shape(), "shape");
        return got.maxAbsDiff(ref) / ref.maxAbs();
    }

    @Test
    void exportedModelMatchesKerasAndConvscope() throws Exception {
        Files.deleteIfExists(Emotion.ONNX);
        Emotion.exportOnnx();
        assertTrue(Files.size(Emotion.ONNX) > 4 * model.totalParams(), "the written file holds every weight as float32");
        String inputName = model.graph().inputNames().get(0);
        Tensor ort = OrtRunner.run(Files.readAllBytes(Emotion.ONNX), inputName, input).get(output);
        Tensor ours = model.predict(input);
        Tensor ref = keras.get(output);
        double vsKeras = relative(ort, ref), vsConvscope = relative(ort, ours), convscopeVsKeras = relative(ours, ref);
        // a batch of 4 different images through the file's symbolic batch dimension, against convscope
        Tensor batch = Tensor.of(org.convscope.bench.Shapes.random(4 * 64 * 64, 11), 4, 64, 64, 1);
        double batchVsConvscope = relative(OrtRunner.run(Files.readAllBytes(Emotion.ONNX), inputName, batch).get(output),
                model.predict(batch));
        System.out.printf(Locale.ROOT, "emotion batch 4 (random input): ONNX Runtime vs convscope max|err|/max|ref| = %.2e%n", batchVsConvscope);
        assertTrue(batchVsConvscope <= BOUND, "batch 4, ONNX Runtime vs convscope: " + batchVsConvscope);
        System.out.printf(Locale.ROOT, "emotion softmax %s: ONNX Runtime vs Keras max|err|/max|ref| = %.2e, vs convscope %.2e"
                + " (convscope vs Keras %.2e); max|ref| = %.4f%n", output, vsKeras, vsConvscope, convscopeVsKeras, ref.maxAbs());
        assertTrue(vsKeras <= BOUND, "ONNX Runtime vs Keras: " + vsKeras);
        assertTrue(vsConvscope <= BOUND, "ONNX Runtime vs convscope: " + vsConvscope);
    }

    @Test
    void everyRecordedLayerMatchesKeras() throws Exception {
        List<String> layers = new ArrayList<>();
        for (String n : keras.keySet()) {
            if (model.graph().hasNode(n) && !model.graph().inputNames().contains(n)) layers.add(n);
        }
        assertTrue(layers.size() > 10, "the reference records intermediate layers: " + layers);
        Map<String, Tensor> ort = OrtRunner.run(KerasToOnnx.convert(model.graph(), layers), input);
        double worst = 0;
        String worstLayer = "";
        for (String n : layers) {
            double e = relative(ort.get(n), keras.get(n));
            if (e > worst) { worst = e; worstLayer = n; }
        }
        double logits = relative(ort.get(model.graph().node(output).inbound().get(0)), keras.get(model.graph().node(output).inbound().get(0)));
        System.out.printf(Locale.ROOT, "emotion, %d layers as extra ONNX outputs: worst max|err|/max|ref| vs Keras %.2e (%s);"
                + " logits (%s) %.2e%n", layers.size(), worst, worstLayer, model.graph().node(output).inbound().get(0), logits);
        assertTrue(worst <= BOUND, "worst layer " + worstLayer + ": " + worst);
    }

    @Test
    void untransposedKernelsAreCaught() throws Exception {
        OnnxGraph good = KerasToOnnx.convert(model.graph());
        String first = model.graph().nodes().stream().filter(n -> n.layer() instanceof Conv2D).findFirst().orElseThrow().name();
        Conv2D conv = (Conv2D) model.graph().node(first).layer();
        OnnxInitializer w = good.initializer(first + "/kernel");
        // the Keras (kh,kw,cin,cout) values under ONNX's (cout,cin,kh,kw) shape: the mistake a converter can make
        OnnxGraph wrong = good.withInitializer(new OnnxInitializer(w.name(), w.dims(), conv.kernel().data().clone()));
        Tensor ref = keras.get(output);
        double e = relative(OrtRunner.run(wrong, input).get(output), ref);
        System.out.printf(Locale.ROOT, "emotion with %s's kernel not transposed: max|err|/max|ref| vs Keras = %.2e%n", first, e);
        assertTrue(e > 100 * BOUND, "a wrong export must fail the bound, got " + e);
    }
}
