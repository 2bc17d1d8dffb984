package org.convscope.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.convscope.internal.engine.Engine;
import org.junit.jupiter.api.Test;

/**
 * The in-place loops over long runs — where the activations with a vector path take it (on a
 * vector engine; this test also runs in the {@code vector-off} and {@code vector-256} executions)
 * — against the scalar {@link ElementwiseActivation#apply} value by value: bit-equal for the clamps,
 * within 4e-7 relative (plus 1e-37 near zero) for the exponential ones. Runs start at every offset
 * 0..16 and have odd lengths, so the whole-vector part and the scalar tail both meet each value.
 */
class VectorPathTest {
    private static float[] values() {
        SplittableRandom r = new SplittableRandom(11);
        float[] v = new float[301];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 5);
        v[7] = Float.NaN;
        v[8] = 0f;
        v[9] = -0f;
        v[10] = 6f;
        v[11] = Float.POSITIVE_INFINITY;
        v[12] = Float.NEGATIVE_INFINITY;
        v[13] = 5.9999995f;
        return v;
    }

    private static void check(ElementwiseActivation f, boolean exact) {
        float[] v = values();
        for (int from = 0; from <= 16; from++) {
            float[] a = v.clone();
            int to = v.length - (from % 3);
            f.applyInPlace(a, from, to);
            for (int i = 0; i < v.length; i++) {
                float want = i >= from && i < to ? f.apply(v[i]) : v[i];
                if (exact || Float.isNaN(want) || Float.isInfinite(want)) {
                    if (Float.floatToIntBits(want) != Float.floatToIntBits(a[i])
                            && !(want == 0f && a[i] == 0f && !exact)) {
                        fail(f + " at " + i + " (x = " + v[i] + ", run " + from + ".." + to + ", engine "
                                + Engine.current() + "): got " + a[i] + ", scalar " + want);
                    }
                } else {
                    assertEquals(want, a[i], 4e-7 * Math.abs(want) + 1e-37, f + " at " + i + " (x = " + v[i] + ")");
                }
            }
        }
    }

    @Test
    void clampsAreBitEqualToTheScalarLoop() {
        for (ElementwiseActivation f : List.of(Relu.PLAIN, Relu6.INSTANCE, new Relu(6f, 0f, 0f), new Relu(0.5f, 0f, 0f),
                new Relu(null, 0.1f, 0f), new Relu(6f, 0.1f, 1f))) {
            check(f, true);
        }
    }

    /**
     * Every step of 0.001 over [−100, 100] and the float range's edges: sigmoid and silu within 4e-7
     * relative, or 1e-30 absolute where the result is that small (silu of x &lt; −88.7 is 0 on the
     * vector path, e^{−x} overflowing float, while the double scalar path gives about −1e-37).
     */
    @Test
    void exponentialOnesAcrossTheirRange() {
        float[] v = new float[200_001 + 6];
        for (int i = 0; i <= 200_000; i++) v[i] = -100f + i * 1e-3f;
        System.arraycopy(new float[] {88.37626f, 88.37627f, -87.33654f, -87.33655f, 88.72f, -88.72f}, 0, v, 200_001, 6);
        for (ElementwiseActivation f : List.of(Sigmoid.INSTANCE, Silu.INSTANCE)) {
            float[] a = v.clone();
            f.applyInPlace(a, 0, a.length);
            double worst = 0;
            for (int i = 0; i < v.length; i++) {
                double want = f == Silu.INSTANCE ? v[i] / (1 + Math.exp(-(double) v[i])) : 1 / (1 + Math.exp(-(double) v[i]));
                double err = Math.abs(a[i] - want);
                if (err > 4e-7 * Math.abs(want) + 1e-30) fail(f + "(" + v[i] + ") = " + a[i] + ", want " + want);
                if (Math.abs(want) > 1e-30) worst = Math.max(worst, err / Math.abs(want));
            }
            System.out.printf("VectorPathTest: %s worst relative error %.2e on %d values (%d-bit vectors, 0 = scalar)%n", f, worst, v.length, Engine.current().vectorBits());
        }
    }

    @Test
    void exponentialOnesAgreeWithTheScalarLoop() {
        for (ElementwiseActivation f : List.of(Sigmoid.INSTANCE, Silu.INSTANCE, Tanh.INSTANCE)) check(f, false);
    }
}
