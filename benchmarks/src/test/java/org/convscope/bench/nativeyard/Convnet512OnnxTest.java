package org.convscope.bench.nativeyard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.convscope.bench.Convnet512;
import org.convscope.bench.Shapes;
import org.convscope.bench.onnx.KerasToOnnx;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The converter's Flatten: convnet_512 ends in Flatten → Dense, so an NCHW flatten without the
 * transpose back to NHWC would feed the Dense layer its inputs in the wrong order. ONNX Runtime on
 * the converted graph against convscope's {@code predict} (3-channel input, so NCHW ≠ NHWC bytes).
 * The bound is 1e-4 relative (the emotion test's is 1e-5): 13 GFLOP of float32 sums in two different
 * orders end in one sigmoid value; a misordered flatten is off by order 1. Runs only with
 * {@code -Pnative}.
 */
class Convnet512OnnxTest {
    @Test
    void convertedConvnet512MatchesConvscope() throws Exception {
        KerasModel model = Convnet512.load();
        Tensor input = Tensor.of(Shapes.random(512 * 512 * 3, 5), 1, 512, 512, 3);
        String out = model.graph().outputNames().get(0);
        String dense = model.graph().node(out).inbound().get(0);
        var ort = OrtRunner.run(KerasToOnnx.convert(model.graph(), java.util.List.of(dense)), input);
        var ours = model.graph().activations(input, java.util.List.of(dense, out));
        double eOut = ort.get(out).maxAbsDiff(ours.get(out)) / ours.get(out).maxAbs();
        double eDense = ort.get(dense).maxAbsDiff(ours.get(dense)) / ours.get(dense).maxAbs();
        System.out.printf(Locale.ROOT, "convnet_512 converted: ONNX Runtime vs convscope max|err|/max|ref| %s %.2e, %s %.2e%n",
                out, eOut, dense, eDense);
        assertTrue(eDense <= 1e-4 && eOut <= 1e-4, "convnet_512: " + eDense + ", " + eOut);
    }
}
