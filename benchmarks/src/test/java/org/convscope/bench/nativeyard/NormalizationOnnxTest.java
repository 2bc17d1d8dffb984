package org.convscope.bench.nativeyard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.convscope.bench.Shapes;
import org.convscope.bench.onnx.KerasToOnnx;
import org.convscope.graph.Graph;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The converter's {@code Normalization} case, written ahead of the loader's layer: a layer of Keras
 * class {@code Normalization} with the accessors the converter expects ({@code mean()},
 * {@code variance()}, {@code axis()}, {@code invert()}) becomes Sub and Div; ONNX Runtime on the
 * export against the layer's own formula, including a channel of variance 0 (divided by 1e-7, as
 * Keras does). Runs only with {@code -Pnative}.
 */
public class NormalizationOnnxTest {
    /** Keras's adapted Normalization over the last axis, as the real layer is expected to look. */
    public static final class Normalization extends SingleInputLayer {
        private final float[] mean, variance;

        Normalization(String name, float[] mean, float[] variance) {
            super(name);
            this.mean = mean;
            this.variance = variance;
        }

        @Override public String kerasClass() { return "Normalization"; }
        public float[] mean() { return mean.clone(); }
        public float[] variance() { return variance.clone(); }
        public int[] axis() { return new int[] {-1}; }
        public boolean invert() { return false; }
        @Override public int[] outputShape(int[] in) { return in.clone(); }

        @Override
        public Tensor forward(Tensor input) {
            float[] x = input.data(), y = new float[x.length];
            int c = mean.length;
            for (int i = 0; i < x.length; i++) {
                y[i] = (x[i] - mean[i % c]) / Math.max((float) Math.sqrt(variance[i % c]), 1e-7f);
            }
            return Tensor.of(y, input.shape());
        }
    }

    @Test
    void normalizationBecomesSubAndDiv() throws Exception {
        float[] mean = {0.485f, 0.456f, 0.406f}, variance = {0.052f, 0.05f, 0f};
        Graph g = Graph.builder("norm").input("in", -1, 5, 7, 3).then(new Normalization("normalization", mean, variance)).build();
        Tensor x = Tensor.of(Shapes.random(2 * 5 * 7 * 3, 9), 2, 5, 7, 3);
        Tensor want = g.predict(x);
        Tensor got = OrtRunner.run(KerasToOnnx.convert(g), x).get("normalization");
        double e = got.maxAbsDiff(want) / want.maxAbs();
        System.out.printf(Locale.ROOT, "Normalization as Sub/Div: ONNX Runtime vs the layer's formula %.2e (max|ref| %.3g)%n", e, want.maxAbs());
        assertTrue(want.maxAbs() > 1e5, "the channel of variance 0 is divided by 1e-7");
        assertTrue(e <= 1e-6, "Normalization: " + e);
        List<String> ops = KerasToOnnx.convert(g).nodes().stream().map(n -> n.opType()).toList();
        assertTrue(ops.equals(List.of("Sub", "Div")), ops.toString());
    }
}
