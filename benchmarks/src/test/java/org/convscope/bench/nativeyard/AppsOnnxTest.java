package org.convscope.bench.nativeyard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.bench.Apps;
import org.convscope.bench.onnx.KerasToOnnx;
import org.convscope.bench.onnx.OnnxGraph;
import org.convscope.bench.onnx.OnnxInitializer;
import org.convscope.graph.Graph;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX exports of MobileNetV2 and EfficientNetB0 ({@code <fixtures>/apps}) compute what Keras
 * computes: ONNX Runtime on the converted graph, every layer Keras recorded requested as an extra
 * output, against the {@code .io.h5} references — whole outputs under {@code /outputs}, and for the
 * large layers (under {@code /samples}) the 4096 recorded values and the sum of the whole output —
 * and the final output against convscope's {@code predict} (what the duel's agreement column shows).
 * Each model also has a broken export that must fail the same bound. EfficientNetB0 loads through
 * {@link org.convscope.bench.NormalizationStandIn} while convscope's loader lacks Normalization.
 * Runs only with {@code -Pnative}.
 */
class AppsOnnxTest {
    /** The brief's bound: these graphs are 50–80 layers deep in float32, sums in another order than Keras's. */
    private static final double BOUND = 1e-4;

    private record Errors(double worst, String worstLayer, int layers, int sampled, double output, double vsConvscope) { }

    private static Errors compare(String label, Graph g, java.util.function.UnaryOperator<OnnxGraph> tamper) throws Exception {
        String out = g.outputNames().get(0);
        try (KerasReference ref = new KerasReference(Apps.referenceFile(label))) {
            Tensor input = ref.input();
            List<String> full = new ArrayList<>(), sampled = new ArrayList<>();
            for (String n : ref.outputNames()) if (g.hasNode(n) && !g.inputNames().contains(n)) full.add(n);
            for (String n : ref.sampleNames()) if (g.hasNode(n)) sampled.add(n);
            List<String> extra = new ArrayList<>(full);
            extra.addAll(sampled);
            OnnxGraph onnx = tamper.apply(KerasToOnnx.convert(g, extra));
            Map<String, Tensor> ort = OrtRunner.run(onnx, input);
            double worst = 0;
            String worstLayer = "";
            for (String n : full) {
                if (!ort.containsKey(n)) continue;   // a broken graph may lack extra outputs
                Tensor want = ref.output(n), got = ort.get(n);
                assertArrayEquals(want.shape(), got.shape(), n + " shape");
                double e = got.maxAbsDiff(want) / want.maxAbs();
                if (e > worst || Double.isNaN(e)) { worst = e; worstLayer = n; }
            }
            for (String n : sampled) {
                if (!ort.containsKey(n)) continue;
                KerasReference.Sample s = ref.sample(n);
                Tensor got = ort.get(n);
                assertArrayEquals(s.shape(), got.shape(), n + " shape");
                double max = 0, sum = 0;
                for (int i = 0; i < s.positions().length; i++) {
                    max = Math.max(max, Math.abs(got.data()[(int) s.positions()[i]] - s.values()[i]));
                }
                for (float v : got.data()) sum += v;
                double e = Math.max(max / s.maxAbs(), Math.abs(sum - s.sum()) / s.absSum());
                if (e > worst || Double.isNaN(e)) { worst = e; worstLayer = n + " (sampled)"; }
            }
            Tensor keras = ref.output(out), theirs = ort.get(out);
            double eOut = theirs.maxAbsDiff(keras) / keras.maxAbs();
            double eOurs = theirs.maxAbsDiff(g.predict(input)) / keras.maxAbs();
            return new Errors(worst, worstLayer, full.size(), sampled.size(), eOut, eOurs);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MobileNetV2", "EfficientNetB0"})
    void exportMatchesKerasOnEveryRecordedLayer(String label) throws Exception {
        Apps.Loaded loaded = Apps.load(Apps.file(label));
        Errors e = compare(label, loaded.graph(), x -> x);
        System.out.printf(Locale.ROOT, "%s: ONNX Runtime vs Keras, %d whole layers and %d sampled: worst max|err|/max|ref| %.2e (%s);"
                + " final output %.2e; vs convscope predict %.2e%n", loaded.label(label), e.layers(), e.sampled(), e.worst(),
                e.worstLayer(), e.output(), e.vsConvscope());
        assertTrue(e.layers() > 100 && e.sampled() > 20, "the references cover the model: " + e.layers() + " + " + e.sampled());
        assertTrue(e.worst() <= BOUND, label + ", worst layer " + e.worstLayer() + ": " + e.worst());
        assertTrue(e.output() <= BOUND, label + ", final output: " + e.output());
        assertTrue(e.vsConvscope() <= BOUND, label + ", ONNX Runtime vs convscope: " + e.vsConvscope());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MobileNetV2", "EfficientNetB0"})
    void aBrokenExportFailsTheBound(String label) throws Exception {
        Graph g = Apps.load(Apps.file(label)).graph();
        java.util.function.UnaryOperator<OnnxGraph> wrong;
        String what;
        if (label.equals("MobileNetV2")) {
            // the first depthwise kernel in Keras's (kh,kw,c,1) order under ONNX's (c,1,kh,kw) shape
            String dw = g.nodes().stream().filter(n -> n.layer() instanceof DepthwiseConv2D).findFirst().orElseThrow().name();
            float[] keras = ((DepthwiseConv2D) g.node(dw).layer()).depthwiseKernel().data().clone();
            wrong = x -> {
                OnnxInitializer w = x.initializer(dw + "/depthwise_kernel");
                return x.withInitializer(new OnnxInitializer(w.name(), w.dims(), keras));
            };
            what = dw + "'s kernel not transposed";
        } else {
            // the Normalization's mean left out (the stand-in's offset −mean/σ, or the real layer's mean)
            wrong = x -> {
                String name = x.initializers().stream().anyMatch(t -> t.name().equals("normalization/offset"))
                        ? "normalization/offset" : "normalization/mean";
                OnnxInitializer o = x.initializer(name);
                return x.withInitializer(new OnnxInitializer(o.name(), o.dims(), new float[o.data().length]));
            };
            what = "normalization without its mean";
        }
        Errors e = compare(label, g, wrong);
        // random weights: the 10-class softmax at the end is nearly flat, so the layers show the damage, not it
        System.out.printf(Locale.ROOT, "%s with %s: worst layer vs Keras %.2e (%s), final output %.2e%n", label, what, e.worst(),
                e.worstLayer(), e.output());
        assertTrue(e.worst() > 100 * BOUND, "a wrong export must fail the bound, got " + e.worst());
    }
}
