package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heart of io-keras: every fixture model, in every format it was saved in, is fed the
 * {@code /input} of its {@code .io.h5} and every layer's output is compared with Keras's
 * ({@code /outputs/<layer>}, or {@code /samples/<layer>} at its flat indices): max|err| must stay
 * within 1e-5 of max|ref| per layer. The worst relative error per model and format is printed.
 */
class ParityTest {
    private static final Map<String, String> TABLE = new ConcurrentSkipListMap<>();

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("keras2 .h5 (Keras 2.1.3)", "keras2/cnn_batch_norm.h5", null, "keras2/cnn_batch_norm.io.h5"),
                Arguments.of("keras2 .h5 (Keras 2.1.3)", "keras2/conv2d_tensorflow_2.h5", null, "keras2/conv2d_tensorflow_2.io.h5"),
                Arguments.of("keras2 .h5 (Keras 2.1.3)", "keras2/sepconv2d_tensorflow_2.h5", null, "keras2/sepconv2d_tensorflow_2.io.h5"),
                Arguments.of("trained .hdf5 (Keras 2.0.5)", "trained/fer2013_big_XCEPTION.54-0.66.hdf5", null, "trained/fer2013_big_XCEPTION.54-0.66.io.h5"),
                Arguments.of("trained .hdf5 (Keras 2.0.5)", "trained/gender_mini_XCEPTION.21-0.95.hdf5", null, "trained/gender_mini_XCEPTION.21-0.95.io.h5"),
                Arguments.of("keras3 .h5", "keras3/kaggle_custom_convnet.h5", null, "keras3/kaggle_custom_convnet.io.h5"),
                Arguments.of("keras3 .h5", "keras3/zoo_act_merge.h5", null, "keras3/zoo_act_merge.io.h5"),
                Arguments.of("keras3 .h5", "keras3/zoo_conv.h5", null, "keras3/zoo_conv.io.h5"),
                Arguments.of("keras3 .h5", "keras3/zoo_pool_norm.h5", null, "keras3/zoo_pool_norm.io.h5"),
                Arguments.of("keras3 .h5", "keras3/convnet_512.h5", null, "keras3/convnet_512.io.h5"),
                Arguments.of("keras3 .keras", "keras3/kaggle_custom_convnet.keras", null, "keras3/kaggle_custom_convnet.io.h5"),
                Arguments.of("keras3 .keras", "keras3/zoo_act_merge.keras", null, "keras3/zoo_act_merge.io.h5"),
                Arguments.of("keras3 .keras", "keras3/zoo_conv.keras", null, "keras3/zoo_conv.io.h5"),
                Arguments.of("keras3 .keras", "keras3/zoo_pool_norm.keras", null, "keras3/zoo_pool_norm.io.h5"),
                Arguments.of("keras3 .weights.h5 + .keras", "keras3/kaggle_custom_convnet.weights.h5", "keras3/kaggle_custom_convnet.keras",
                        "keras3/kaggle_custom_convnet.io.h5"),
                // Keras applications and the patterns around them (issue 19)
                Arguments.of("apps .h5", "apps/MobileNetV2.h5", null, "apps/MobileNetV2.io.h5"),
                Arguments.of("apps .keras", "apps/EfficientNetB0.keras", null, "apps/EfficientNetB0.io.h5"),
                Arguments.of("apps .keras", "apps/MobileNetV3Small.keras", null, "apps/MobileNetV3Small.io.h5"),
                Arguments.of("apps .keras", "apps/convnext_mini.keras", null, "apps/convnext_mini.io.h5"),
                Arguments.of("apps .h5", "apps/convnext_mini.h5", null, "apps/convnext_mini.io.h5"),
                Arguments.of("apps .keras", "apps/transfer_mobilenetv2.keras", null, "apps/transfer_mobilenetv2.io.h5"),
                Arguments.of("apps .h5", "apps/transfer_mobilenetv2.h5", null, "apps/transfer_mobilenetv2.io.h5"),
                Arguments.of("apps .keras", "apps/keras_ops_zoo.keras", null, "apps/keras_ops_zoo.io.h5"),
                Arguments.of("apps .h5", "apps/keras_ops_zoo.h5", null, "apps/keras_ops_zoo.io.h5"),
                Arguments.of("apps .h5", "apps/two_pools_add.h5", null, "apps/two_pools_add.io.h5"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("models")
    void everyLayerMatchesKeras(String format, String model, String architecture, String io) throws Exception {
        KerasModel m = architecture == null ? KerasModel.load(Fixtures.file(model))
                : KerasModel.load(Fixtures.file(model), Fixtures.file(architecture));
        LayerComparison cmp = compare(m, Fixtures.file(io));
        if (model.startsWith("apps/")) {   // the `check` command's own path, op nodes included
            org.convscope.keras.check.CheckReport report = org.convscope.keras.check.ReferenceCheck.run(m, Fixtures.file(io),
                    org.convscope.keras.check.CheckOptions.defaults());
            assertTrue(report.passed(), () -> model + ": check fails:\n" + report.render());
            assertEquals(cmp.layers - 1, report.rows().size(), "check compares every recorded layer and op node");
        }
        String line = cmp.report(format + "  " + Path.of(model).getFileName());
        TABLE.put(format + " " + model, line);
        System.out.println("PARITY " + line);
        assertTrue(cmp.failures.isEmpty(), model + ": " + cmp.failures.size() + " layers differ from Keras:\n  "
                + String.join("\n  ", cmp.failures));
    }

    /**
     * Runs the model on the reference input twice and compares both with Keras: once asking for
     * every stored layer (and every stored Keras 3 op node output, {@code /op_outputs}), which runs
     * the graph unfused, and once through {@code predict}, the fused path users take, whose result
     * must equal Keras's final output. Where the reference records Keras's {@code count_params},
     * the model's parameter total must equal it.
     */
    static LayerComparison compare(KerasModel m, Path io) throws Exception {
        LayerComparison cmp = new LayerComparison();
        try (IoReference ref = new IoReference(io)) {
            String count = ref.rootAttribute("count_params");
            if (count != null) {
                assertEquals(Long.parseLong(count.trim()), m.totalParams(), "total params vs Keras's count_params");
                assertEquals(m.totalParams(), org.convscope.explain.Explainer.explain(m.graph()).totalParams(), "explain's total vs summary's");
            }
            List<String> full = ref.outputNames();
            List<String> sampled = ref.sampleNames();
            List<String> all = new ArrayList<>(full);
            all.addAll(sampled);
            // every layer but the InputLayer has a reference: the model's layers must be exactly those
            List<String> mine = new ArrayList<>(m.layerNames());
            mine.removeIf(n -> m.layer(n).kerasClass().equals("InputLayer"));
            assertEquals(new java.util.TreeSet<>(all), new java.util.TreeSet<>(mine), "layers with a reference vs layers of the model");
            List<String> ops = ref.opOutputNames();
            List<String> asked = new ArrayList<>(all);
            asked.addAll(ops);
            Map<String, Tensor> acts = m.activations(ref.input(), asked.toArray(String[]::new));
            for (String layer : full) cmp.full(layer, acts.get(layer), ref.output(layer));
            for (String layer : sampled) compareSamples(cmp, ref, layer, acts.get(layer));
            for (String op : ops) cmp.full("op " + op, acts.get(op), ref.opOutput(op));
            acts = null;
            // predict: the fused graph, compared with Keras's output layer
            String outputs = ref.rootAttribute("model_outputs");
            List<String> outNames = outputs == null ? m.graph().outputNames()
                    : List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(outputs, String[].class));
            Map<String, Tensor> predicted = outNames.size() == 1 ? Map.of(outNames.get(0), m.predict(ref.input())) : m.predictAll(ref.input());
            assertEquals(new java.util.TreeSet<>(outNames), new java.util.TreeSet<>(predicted.keySet()), "model outputs");
            for (String out : outNames) {
                if (full.contains(out)) cmp.full("predict → " + out, predicted.get(out), ref.output(out));
                else compareSamples(cmp, ref, out, predicted.get(out));
            }
        }
        return cmp;
    }

    private static void compareSamples(LayerComparison cmp, IoReference ref, String layer, Tensor got) {
        IoReference.Samples s = ref.samples(layer);
        String at = "/samples/" + layer;
        double maxAbs = Math.max(Math.abs(Double.parseDouble(ref.attribute(at, "min"))), Math.abs(Double.parseDouble(ref.attribute(at, "max"))));
        cmp.samples(layer, got, s, maxAbs);
        cmp.sampleSums(layer, got, Double.parseDouble(ref.attribute(at, "sum")), Double.parseDouble(ref.attribute(at, "abs_sum")));
    }

    @Test
    void cnnBatchNormMatchesTheOriginalKeras213Predictions() throws Exception {
        KerasModel m = KerasModel.load(Fixtures.file("keras2/cnn_batch_norm.h5"));
        Tensor x = Npy.read(Fixtures.file("keras2/cnn_batch_norm.input.npy"));
        Tensor expected = Npy.read(Fixtures.file("keras2/cnn_batch_norm.predictions.npy"));
        Tensor y = m.predict(x);
        assertEquals(List.of(5, 1), List.of(y.shape()[0], y.shape()[1]));
        double err = y.maxAbsDiff(expected);
        double rel = err / expected.maxAbs();
        System.out.printf("PARITY cnn_batch_norm vs Keras 2.1.3 predictions.npy: max|err| %.3g, rel %.3g%n", err, rel);
        assertTrue(rel <= 1e-5, "predictions differ from Keras 2.1.3's: max|err| " + err + "; got " + y + ", expected " + expected);
    }

    @AfterAll
    static void printTable() {
        if (TABLE.isEmpty()) return;
        System.out.println("PARITY worst relative error per model and format:");
        TABLE.values().forEach(l -> System.out.println("  " + l));
    }
}
