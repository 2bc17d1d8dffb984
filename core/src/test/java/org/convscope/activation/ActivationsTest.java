package org.convscope.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every activation at chosen points, tails included, against its formula written out again here in
 * double precision (the straightforward textbook form; gelu uses the BigDecimal erf oracle).
 */
class ActivationsTest {
    static final double[] POINTS = {0, 1e-3, -1e-3, 0.5, -0.5, 1, -1, 2.5, -2.5, 3, -3, 5, -5, 20, -20, 100, -100};

    /** Asserts f(x) == (float) want(x) within 2 float ulps (or 1e-37 absolute near zero), printing the first miss. */
    static void check(ElementwiseActivation f, DoubleUnaryOperator want) {
        for (double xd : POINTS) {
            float x = (float) xd;
            float got = f.apply(x);
            double w = want.applyAsDouble(x);
            float wf = (float) w;
            double tol = Math.max(2 * Math.ulp(wf), 1e-37);
            if (!(Math.abs(got - w) <= tol) && !(Float.isInfinite(wf) && got == wf)) {
                fail(f.name() + "(" + x + ") = " + got + ", want " + w + " (error " + Math.abs(got - w) + ")");
            }
            // The tensor path and the in-place path agree with the scalar one.
            float[] a = {x, x};
            f.applyInPlace(a, 1, 2);
            assertEquals(x, a[0], 0f);
            assertEquals(got, a[1], 0f, f.name() + " applyInPlace");
            assertEquals(got, f.apply(Tensor.of(new float[] {x}, 1)).data()[0], 0f, f.name() + " apply(Tensor)");
        }
    }

    static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }
    static double softplus(double x) { return x > 30 ? x + Math.exp(-x) : Math.log(1 + Math.exp(x)); }

    @Test void relu() { check(Relu.PLAIN, x -> x > 0 ? x : 0); }
    @Test void relu6() { check(Relu6.INSTANCE, x -> Math.min(6, Math.max(0, x))); }
    @Test void sigmoidFn() { check(Sigmoid.INSTANCE, ActivationsTest::sigmoid); }
    @Test void tanh() { check(Tanh.INSTANCE, x -> (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1) * (Math.abs(x) > 50 ? 0 : 1) + (Math.abs(x) > 50 ? Math.signum(x) : 0)); }
    @Test void elu() { check(Elu.DEFAULT, x -> x > 0 ? x : Math.exp(x) - 1); }
    @Test void eluAlpha() { check(new Elu(0.5f), x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1)); }
    @Test void selu() { check(Selu.INSTANCE, x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1))); }
    @Test void silu() { check(Silu.INSTANCE, x -> x * sigmoid(x)); }
    @Test void softplusFn() { check(Softplus.INSTANCE, ActivationsTest::softplus); }
    @Test void softsign() { check(Softsign.INSTANCE, x -> x / (1 + Math.abs(x))); }
    @Test void exponential() { check(Exponential.INSTANCE, Math::exp); }
    @Test void linear() { check(Linear.INSTANCE, x -> x); }
    @Test void mish() { check(Mish.INSTANCE, x -> x * Math.tanh(softplus(x))); }
    @Test void hardSilu() { check(HardSilu.INSTANCE, x -> x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6); }
    @Test void hardSigmoidKeras3() { check(HardSigmoid.KERAS3, x -> x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5); }
    @Test void hardSigmoidKeras2() { check(HardSigmoid.KERAS2, x -> x <= -2.5 ? 0 : x >= 2.5 ? 1 : 0.2 * x + 0.5); }
    @Test void leakyReluDefault() { check(LeakyRelu.DEFAULT, x -> x >= 0 ? x : 0.2 * x); }
    @Test void thresholdedRelu() { check(new ThresholdedRelu(1f), x -> x > 1 ? x : 0); }

    @Test
    void geluExactUsesErfIncludingTheNegativeTail() {
        // 0.5·x·(1 + erf(x/√2)) with erf from the BigDecimal oracle; at x = −20 the value is about
        // −5.5e−88, which underflows float to −0, and at −5 it is −1.4e−6 (cancellation would lose it).
        check(Gelu.EXACT, x -> 0.5 * x * erfcForTest(-x / Math.sqrt(2)));
        assertEquals(-1.4332579e-6f, Gelu.EXACT.apply(-5f), 1e-12f);  // −5·Φ(−5), Φ(−5) = 2.8665157e−7
        assertEquals(-0.15865526f, Gelu.EXACT.apply(-1f), 1e-7f);   // −Φ(−1) = −0.158655253931457
    }

    /** BigDecimal series for |z| ≤ 7; beyond, 2 or the asymptotic e^(−z²)/(z√π)·(1 − 1/(2z²) + 3/(4z⁴)). */
    static double erfcForTest(double z) {
        if (Math.abs(z) <= 7) return BigErf.erfc(z).doubleValue();
        if (z < 0) return 2;
        double z2 = z * z;
        return Math.exp(-z2) / (z * Math.sqrt(Math.PI)) * (1 - 1 / (2 * z2) + 3 / (4 * z2 * z2));
    }

    @Test
    void geluApproximateIsTheTanhForm() {
        check(Gelu.APPROXIMATE, x -> {
            double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
            return Math.abs(u) < 15 ? 0.5 * x * (1 + Math.tanh(u)) : (u > 0 ? x : x * Math.exp(2 * u));
        });
    }

    @Test
    void reluParametersFollowKerasDocExamples() {
        // Keras 3's docstring of keras.activations.relu, inputs [-10, -5, 0, 5, 10].
        float[] x = {-10, -5, 0, 5, 10};
        assertArrayEquals(new float[] {0, 0, 0, 5, 10}, map(Relu.PLAIN, x));
        assertArrayEquals(new float[] {-5, -2.5f, 0, 5, 10}, map(new Relu(null, 0.5f, 0), x));
        assertArrayEquals(new float[] {0, 0, 0, 5, 5}, map(new Relu(5f, 0, 0), x));
        assertArrayEquals(new float[] {0, 0, 0, 0, 10}, map(new Relu(null, 0, 5f), x));
        // All three: x ≥ 6 → 6; 1 < x < 6 → x; x == 1 → 0 (strict comparison); x < 1 → 0.1·(x − 1).
        Relu all = new Relu(6f, 0.1f, 1f);
        assertArrayEquals(new float[] {-0.3f, -0.1f, 0f, 3f, 6f, 6f}, map(all, new float[] {-2, 0, 1, 3, 6, 9}), 1e-7f);
    }

    private static float[] map(ElementwiseActivation f, float[] x) {
        float[] y = x.clone();
        f.applyInPlace(y, 0, y.length);
        return y;
    }

    @Test
    void softmaxRowsSumToOneAndLargeInputsAreStable() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 1000, 1001, 1002, -1000, -1000, -1000}, 3, 3);
        Tensor y = SoftmaxActivation.SOFTMAX.apply(x);
        double e0 = 1 / (1 + Math.E + Math.E * Math.E);
        float[] want = {(float) e0, (float) (Math.E * e0), (float) (Math.E * Math.E * e0)};
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                float v = y.get(r, j);
                assertTrue(Float.isFinite(v), "softmax row " + r + " not finite: " + y);
                assertEquals(want[j], v, 1e-7f, "softmax row " + r + " col " + j);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-6);
        }
        for (int j = 0; j < 3; j++) assertEquals(1f / 3, y.get(2, j), 1e-7f);
        Tensor ly = SoftmaxActivation.LOG_SOFTMAX.apply(x);
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.log(want[j]), ly.get(1, j), 1e-6, "log_softmax at large inputs");
            assertEquals(-Math.log(3), ly.get(2, j), 1e-6);
        }
    }

    @Test
    void softmaxOnAnotherAxis() {
        // (2, 2): along axis 0 each column is normalised: columns (0, 2) and (1, 3).
        Tensor y = new SoftmaxActivation(0, false).apply(Tensor.arange(2, 2));
        float lo = (float) (1 / (1 + Math.exp(2))), hi = (float) (1 / (1 + Math.exp(-2)));
        assertArrayEquals(new float[] {lo, lo, hi, hi}, y.data(), 1e-7f);
    }

    @Test
    void lookupByKerasName() {
        assertSame(Silu.INSTANCE, Activations.get("swish", KerasFlavor.KERAS3));
        assertSame(Silu.INSTANCE, Activations.get("silu", KerasFlavor.KERAS2));
        assertSame(HardSilu.INSTANCE, Activations.get("hard_swish", KerasFlavor.KERAS3));
        assertSame(HardSigmoid.KERAS2, Activations.get("hard_sigmoid", KerasFlavor.KERAS2));
        assertSame(HardSigmoid.KERAS3, Activations.get("hard_sigmoid", KerasFlavor.KERAS3));
        assertSame(Gelu.EXACT, Activations.get("gelu", KerasFlavor.KERAS3));
        assertSame(Linear.INSTANCE, Activations.get(null, KerasFlavor.KERAS3));
        for (String name : Activations.NAMES) {
            Activation a = Activations.get(name, KerasFlavor.KERAS3);
            assertTrue(a.name().equals(name) || name.equals("swish") || name.equals("hard_swish"),
                    name + " gave " + a.name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("sigmoidal", KerasFlavor.KERAS3));
        assertTrue(e.getMessage().contains("sigmoidal") && e.getMessage().contains("hard_sigmoid") && e.getMessage().contains("gelu"), e.getMessage());
    }
}
