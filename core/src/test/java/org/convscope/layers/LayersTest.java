package org.convscope.layers;

import static org.convscope.layers.Expect.close;
import static org.convscope.layers.Expect.exact;
import static org.convscope.layers.Expect.f;
import static org.convscope.layers.Expect.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.activation.Relu;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.image.Interpolation;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each non-convolution layer on small inputs whose outputs were worked out by hand (in the comments). */
class LayersTest {
    private static Tensor t(int[] shape, float... v) { return Tensor.of(v, shape); }

    private static void assertError(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }

    // ---- Dense ----

    @Test
    void denseOnRank2AndRank3WithBiasAndRelu() {
        // x = [[0,1,2],[3,4,5]], kernel = [[0,1],[2,3],[4,5]]:
        // row 0: [0·0+1·2+2·4, 0·1+1·3+2·5] = [10, 13]; row 1: [3·0+4·2+5·4, 3·1+4·3+5·5] = [28, 40]
        // + bias [1, −100] → [11, −87], [29, −60]; relu → [11, 0], [29, 0].
        Tensor kernel = Tensor.arange(3, 2), bias = t(s(2), 1, -100);
        exact("dense linear", s(2, 2), f(10, 13, 28, 40), new Dense("d", kernel, null, null).forward(Tensor.arange(2, 3)));
        Dense d = new Dense("d", kernel, bias, Relu.PLAIN);
        exact("dense relu", s(2, 2), f(11, 0, 29, 0), d.forward(Tensor.arange(2, 3)));
        exact("dense rank 3", s(1, 2, 2), f(11, 0, 29, 0), d.forward(Tensor.arange(1, 2, 3)));
        assertArrayEquals(s(-1, 7, 2), d.outputShape(s(-1, 7, 3)));
        // Softmax is applied after the GEMM: [11, −87] → [1, e^−98] ≈ [1, 0].
        Tensor sm = new Dense("d", kernel, bias, SoftmaxActivation.SOFTMAX).forward(Tensor.arange(2, 3));
        close("dense softmax", s(2, 2), f(1, 0, 1, 0), sm, 1e-7f);
        assertEquals(List.of("kernel", "bias"), d.weights().stream().map(Weight::name).toList());
        assertEquals(List.of("kernel"), new Dense("d", kernel, null, null).weights().stream().map(Weight::name).toList());
        assertError(() -> d.forward(Tensor.arange(2, 4)), "Dense 'd'", "(2, 4)", "3");
        assertError(() -> new Dense("d", kernel, t(s(3), 1, 2, 3), null), "Dense 'd'", "bias", "(3,)");
    }

    @Test
    void denseWithManyRowsMatchesNaiveSum() {
        // A size where the GEMM uses several blocks; the reference is the plain triple loop in double.
        int m = 37, k = 29, n = 19;
        Tensor x = Tensor.zeros(m, k), w = Tensor.zeros(k, n), b = Tensor.zeros(n);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < w.size(); i++) w.data()[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < n; i++) b.data()[i] = r.nextFloat();
        float[] want = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = b.data()[j];
                for (int p = 0; p < k; p++) sum += (double) x.data()[i * k + p] * w.data()[p * n + j];
                want[i * n + j] = (float) sum;
            }
        }
        close("dense 37x29x19", s(m, n), want, new Dense("d", w, b, null).forward(x), 1e-5f);
    }

    // ---- BatchNormalization ----

    @Test
    void batchNormalizationInference() {
        // Pixels (0,1) and (2,3); mean [1,2], var + eps = [4, 1] → sqrt [2, 1]; gamma [2,3], beta [1,−1].
        // ch0: (x−1)/2·2+1 = x → 0, 2.  ch1: (x−2)·3−1 → 1 ↦ −4, 3 ↦ 2.
        BatchNormalization bn = new BatchNormalization("bn", -1, 0.5f, t(s(2), 2, 3), t(s(2), 1, -1),
                t(s(2), 1, 2), t(s(2), 3.5f, 0.5f));
        close("bn", s(1, 1, 2, 2), f(0, -4, 2, 2), bn.forward(Tensor.arange(1, 1, 2, 2)), 1e-6f);
        assertArrayEquals(f(1, 3), bn.scale(), 1e-7f);       // γ/√(var+ε)
        assertArrayEquals(f(0, -7), bn.shift(), 1e-6f);      // β − mean·scale
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), bn.weights().stream().map(Weight::name).toList());
        assertEquals(List.of(true, true, false, false), bn.weights().stream().map(Weight::trainable).toList());
        // center=False, scale=False: (x − mean)/√(var+ε) = ch0 (x−1)/2 → −0.5, 0.5; ch1 (x−2) → −1, 1.
        BatchNormalization plain = new BatchNormalization("bn2", 3, 0.5f, null, null, t(s(2), 1, 2), t(s(2), 3.5f, 0.5f));
        close("bn plain", s(1, 1, 2, 2), f(-0.5f, -1, 0.5f, 1), plain.forward(Tensor.arange(1, 1, 2, 2)), 1e-6f);
        assertEquals(List.of("moving_mean", "moving_variance"), plain.weights().stream().map(Weight::name).toList());
        // axis 1 of a (1, 2, 2) tensor: values 0,1 are channel 0 and 2,3 channel 1.
        BatchNormalization ax1 = new BatchNormalization("bn3", 1, 0.5f, null, null, t(s(2), 1, 2), t(s(2), 3.5f, 0.5f));
        close("bn axis 1", s(1, 2, 2), f(-0.5f, 0, 0, 1), ax1.forward(Tensor.arange(1, 2, 2)), 1e-6f);
        assertError(() -> bn.forward(Tensor.arange(1, 2, 3)), "BatchNormalization 'bn'", "3 channels", "2");
        assertError(() -> new BatchNormalization("bn", -1, 1e-3f, t(s(3), 1, 1, 1), null, t(s(2), 0, 0), t(s(2), 1, 1)), "gamma", "(2,)");
    }

    // ---- activation layers ----

    @Test
    void activationLayers() {
        Tensor x = t(s(1, 6), -3, -1, 0, 1, 2, 8);
        exact("ReLU", s(1, 6), f(0, 0, 0, 1, 2, 8), new ReLU("r", null, 0, 0).forward(x));
        // max 6, slope 0.5, threshold 1: −3 → 0.5·(−4) = −2; −1 → −1; 0 → −0.5; 1 → 0 (not > 1); 2 → 2; 8 → 6.
        ReLU r = new ReLU("r", 6f, 0.5f, 1f);
        exact("ReLU(6, 0.5, 1)", s(1, 6), f(-2, -1, -0.5f, 0, 2, 6), r.forward(x));
        assertEquals(6f, r.maxValue());
        close("LeakyReLU", s(1, 6), f(-0.9f, -0.3f, 0, 1, 2, 8), new LeakyReLU("l", 0.3f).forward(x), 1e-7f);
        close("ELU", s(1, 6), f((float) (2 * Math.expm1(-3)), (float) (2 * Math.expm1(-1)), 0, 1, 2, 8),
                new ELU("e", 2f).forward(x), 1e-6f);
        exact("ThresholdedReLU", s(1, 6), f(0, 0, 0, 0, 2, 8), new ThresholdedReLU("t", 1f).forward(x));
        exact("Activation relu6", s(1, 6), f(0, 0, 0, 1, 2, 6), new ActivationLayer("a", org.convscope.activation.Relu6.INSTANCE).forward(x));
        assertEquals("Activation", new ActivationLayer("a", null).kerasClass());
        assertError(() -> new ReLU("r", -1f, 0, 0), "ReLU 'r'", "max_value");
        assertError(() -> new LeakyReLU("l", -0.1f), "LeakyReLU 'l'", "negative_slope");
    }

    @Test
    void softmaxLayerAxis() {
        // (1, 2, 2) arange, axis 1: pairs (0, 2) and (1, 3) → each [1/(1+e²), e²/(1+e²)].
        float lo = (float) (1 / (1 + Math.exp(2))), hi = 1 - lo;
        close("Softmax axis 1", s(1, 2, 2), f(lo, lo, hi, hi), new Softmax("s", 1).forward(Tensor.arange(1, 2, 2)), 1e-7f);
        float a = (float) (1 / (1 + Math.E));
        close("Softmax axis -1", s(1, 2, 2), f(a, 1 - a, a, 1 - a), new Softmax("s", -1).forward(Tensor.arange(1, 2, 2)), 1e-7f);
        assertError(() -> new Softmax("s", 3).forward(Tensor.arange(1, 2, 2)), "Softmax 's'", "axis 3");
    }

    @Test
    void preluSharedAndFullAlpha() {
        // Values −4..3 in (1, 2, 2, 2); one alpha per channel [0.5, 0.25] (shared axes 1, 2):
        // −4 (ch0) → −2, −3 (ch1) → −0.75, −2 (ch0) → −1, −1 (ch1) → −0.25, 0..3 unchanged.
        Tensor x = t(s(1, 2, 2, 2), -4, -3, -2, -1, 0, 1, 2, 3);
        PReLU p = new PReLU("p", t(s(1, 1, 2), 0.5f, 0.25f), new int[] {1, 2});
        exact("PReLU shared", s(1, 2, 2, 2), f(-2, -0.75f, -1, -0.25f, 0, 1, 2, 3), p.forward(x));
        // Full alpha 1..8 (no sharing): negatives −4·1, −3·2, −2·3, −1·4.
        PReLU full = new PReLU("p", t(s(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8), null);
        exact("PReLU full", s(1, 2, 2, 2), f(-4, -6, -6, -4, 0, 1, 2, 3), full.forward(x));
        // Alpha per row (shared axes 2, 3): shape (2, 1, 1) = [10, 100]; row 0 holds −4..−1.
        PReLU rows = new PReLU("p", t(s(2, 1, 1), 10, 100), new int[] {2, 3});
        exact("PReLU per row", s(1, 2, 2, 2), f(-40, -30, -20, -10, 0, 1, 2, 3), rows.forward(x));
        assertEquals("alpha", p.weights().get(0).name());
        assertError(() -> p.forward(Tensor.zeros(1, 2, 2, 3)), "PReLU 'p'", "(1, 2, 2, 3)", "(1, 1, 2)");
    }

    // ---- global pooling ----

    @Test
    void globalPooling() {
        // (1, 2, 2, 2) arange: channel 0 = 0, 2, 4, 6 (mean 3, max 6); channel 1 = 1, 3, 5, 7 (mean 4, max 7).
        Tensor x = Tensor.arange(1, 2, 2, 2);
        exact("GAP", s(1, 2), f(3, 4), new GlobalAveragePooling2D("g", false).forward(x));
        exact("GAP keepdims", s(1, 1, 1, 2), f(3, 4), new GlobalAveragePooling2D("g", true).forward(x));
        exact("GMP", s(1, 2), f(6, 7), new GlobalMaxPooling2D("g", false).forward(x));
        // Two batch items: the second holds 8..15 → means 11, 12.
        exact("GAP batch 2", s(2, 2), f(3, 4, 11, 12), new GlobalAveragePooling2D("g", false).forward(Tensor.arange(2, 2, 2, 2)));
        assertArrayEquals(s(-1, 5), new GlobalMaxPooling2D("g", false).outputShape(s(-1, 3, 3, 5)));
        assertError(() -> new GlobalMaxPooling2D("g", false).forward(Tensor.arange(2, 3)), "GlobalMaxPooling2D 'g'", "rank-4", "(2, 3)");
    }

    // ---- shape layers ----

    @Test
    void flattenAndReshape() {
        Tensor x = Tensor.arange(2, 2, 2, 1);
        exact("Flatten", s(2, 4), f(0, 1, 2, 3, 4, 5, 6, 7), new Flatten("f").forward(x));
        assertArrayEquals(s(-1, 12), new Flatten("f").outputShape(s(-1, 2, 3, 2)));
        assertArrayEquals(s(-1, 1), new Flatten("f").outputShape(s(-1)));
        Reshape r = new Reshape("r", s(3, -1));
        exact("Reshape", s(2, 3, 2), f(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), r.forward(Tensor.arange(2, 6)));
        assertArrayEquals(s(-1, 3, 2), r.outputShape(s(-1, 6)));
        assertError(() -> r.forward(Tensor.arange(2, 5)), "Reshape 'r'", "(5,)", "(3, -1)".replace("-1", "None"));
        assertError(() -> new Reshape("r", s(-1, -1)), "Reshape 'r'", "more than one -1");
    }

    @Test
    void zeroPaddingAndCropping() {
        // [[0,1],[2,3]] padded top 1, right 2 → [[0,0,0,0],[0,1,0,0],[2,3,0,0]].
        ZeroPadding2D zp = new ZeroPadding2D("z", 1, 0, 0, 2);
        exact("ZeroPadding2D", s(1, 3, 4, 1), f(0, 0, 0, 0, 0, 1, 0, 0, 2, 3, 0, 0), zp.forward(Tensor.arange(1, 2, 2, 1)));
        // Two channels, pad left 1: rows [(0,0),(0,1),(2,3)] and [(0,0),(4,5),(6,7)].
        exact("ZeroPadding2D 2ch", s(1, 2, 3, 2), f(0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 7),
                new ZeroPadding2D("z", 0, 0, 1, 0).forward(Tensor.arange(1, 2, 2, 2)));
        // [[0..3],[4..7],[8..11]] cropped top 1, left 1, right 2 → [[5],[9]].
        Cropping2D cr = new Cropping2D("c", 1, 0, 1, 2);
        exact("Cropping2D", s(1, 2, 1, 1), f(5, 9), cr.forward(Tensor.arange(1, 3, 4, 1)));
        assertArrayEquals(s(-1, -1, 3, 4), cr.outputShape(s(-1, -1, 6, 4)));
        assertError(() -> new Cropping2D("c", 2, 1, 0, 0).forward(Tensor.arange(1, 3, 4, 1)), "Cropping2D 'c'", "(1, 3, 4, 1)");
    }

    @Test
    void upSampling() {
        // Nearest, size (2, 3): each row twice, each column three times.
        exact("UpSampling2D nearest", s(1, 4, 6, 1),
                f(0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3),
                new UpSampling2D("u", 2, 3, Interpolation.NEAREST).forward(Tensor.arange(1, 2, 2, 1)));
        // Bilinear 2x of f(y, x) = 2y + x on 2x2: output coordinate o maps to (o + 0.5)/2 − 0.5, clamped:
        // positions 0, 0.25, 0.75, 1 on each axis, so out[i][j] = 2·p[i] + p[j].
        float[] p = {0, 0.25f, 0.75f, 1};
        float[] want = new float[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) want[i * 4 + j] = 2 * p[i] + p[j];
        close("UpSampling2D bilinear", s(1, 4, 4, 1), want,
                new UpSampling2D("u", 2, 2, Interpolation.BILINEAR).forward(Tensor.arange(1, 2, 2, 1)), 1e-6f);
        assertArrayEquals(s(-1, 6, -1, 3), new UpSampling2D("u", 2, 3, Interpolation.NEAREST).outputShape(s(-1, 3, -1, 3)));
    }

    @Test
    void rescalingAndIdentity() {
        exact("Rescaling scalar", s(1, 1, 1, 3), f(-1, 1, 3),
                new Rescaling("r", f(2), f(-1)).forward(Tensor.arange(1, 1, 1, 3)));
        exact("Rescaling per channel", s(1, 1, 2, 3), f(0, 12, 106, 3, 18, 115),
                new Rescaling("r", f(1, 2, 3), f(0, 10, 100)).forward(Tensor.arange(1, 1, 2, 3)));
        assertError(() -> new Rescaling("r", f(1, 2), f(0)).forward(Tensor.arange(1, 3)), "Rescaling 'r'", "(1, 3)");
        Tensor x = Tensor.arange(2, 3);
        for (String cls : List.of("Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "ActivityRegularization")) {
            Identity id = new Identity("i", cls);
            assertEquals(cls, id.kerasClass());
            assertSame(x, id.forward(x));
        }
    }

    // ---- merges ----

    @Test
    void merges() {
        Tensor a = Tensor.arange(1, 2, 2), b = Tensor.full(2, 1, 2, 2), c = t(s(1, 2, 2), 0, -1, -2, -3);
        int[] sh = s(1, 2, 2);
        exact("Add", sh, f(2, 3, 4, 5), new Add("m").forward(List.of(a, b)));
        exact("Add 3", sh, f(2, 2, 2, 2), new Add("m").forward(List.of(a, b, c)));
        exact("Subtract", sh, f(-2, -1, 0, 1), new Subtract("m").forward(List.of(a, b)));
        exact("Multiply", sh, f(0, 2, 4, 6), new Multiply("m").forward(List.of(a, b)));
        close("Average", sh, f(2f / 3, 2f / 3, 2f / 3, 2f / 3), new Average("m").forward(List.of(a, b, c)), 1e-7f);
        exact("Maximum", sh, f(2, 2, 2, 3), new Maximum("m").forward(List.of(a, b)));
        exact("Minimum", sh, f(0, -1, -2, -3), new Minimum("m").forward(List.of(a, b, c)));
        assertEquals(-1, new Add("m").arity());
        assertEquals(2, new Subtract("m").arity());
        assertArrayEquals(s(4, 2, 2), new Add("m").outputShape(List.of(s(-1, 2, 2), s(4, 2, 2))));
        assertError(() -> new Add("m").forward(List.of(a, Tensor.zeros(1, 2, 3))), "Add 'm'", "(1, 2, 2)", "(1, 2, 3)");
        assertError(() -> new Maximum("m").outputShape(List.of(s(-1, 2), s(-1, 3))), "Maximum 'm'", "(None, 2)", "(None, 3)");
        assertError(() -> new Subtract("m").forward(List.of(a, b, c)), "Subtract 'm'", "exactly 2", "got 3");
        assertError(() -> new Multiply("m").forward(List.of(a)), "Multiply 'm'", "two or more");
    }

    @Test
    void concatenate() {
        // a = [[0,1],[2,3]] and b = [[10],[11]] on the last axis → [[0,1,10],[2,3,11]].
        Tensor a = Tensor.arange(1, 2, 2), b = t(s(1, 2, 1), 10, 11), c = t(s(1, 1, 2), 20, 21);
        exact("Concatenate -1", s(1, 2, 3), f(0, 1, 10, 2, 3, 11), new Concatenate("c", -1).forward(List.of(a, b)));
        exact("Concatenate 1", s(1, 3, 2), f(0, 1, 2, 3, 20, 21), new Concatenate("c", 1).forward(List.of(a, c)));
        exact("Concatenate 3 inputs", s(1, 2, 4), f(0, 1, 10, 0, 2, 3, 11, 1),
                new Concatenate("c", 2).forward(List.of(a, b, Tensor.arange(1, 2, 1))));
        // Batch 2 on the last axis.
        exact("Concatenate batch 2", s(2, 3), f(0, 1, 7, 2, 3, 8),
                new Concatenate("c", -1).forward(List.of(Tensor.arange(2, 2), t(s(2, 1), 7, 8))));
        assertArrayEquals(s(-1, 4, 4, 5), new Concatenate("c", -1).outputShape(List.of(s(-1, 4, 4, 2), s(-1, 4, 4, 3))));
        assertError(() -> new Concatenate("c", -1).forward(List.of(a, c)), "Concatenate 'c'", "(1, 2, 2)", "(1, 1, 2)");
        assertFalse(new Concatenate("c", -1).arity() >= 0);
    }
}
