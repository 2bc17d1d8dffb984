package org.convscope.viz.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The Lucid stages are differentiated by hand, so each backward is checked: the linear ones by the
 * adjoint identity ⟨L·p, g⟩ = ⟨p, Lᵀ·g⟩, the colour squashing by central differences.
 */
class LucidPartsTest {
    private static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += (double) a.data()[i] * b.data()[i];
        return s;
    }

    @Test
    void fourierImageBackwardIsTheAdjoint() {
        for (int[] hw : new int[][] {{8, 8}, {7, 10}, {64, 64}}) {
            Random r = new Random(hw[0] * 31 + hw[1]);
            FourierImage f = new FourierImage(hw[0], hw[1], 3, 1.0, 1, r);
            Tensor img = f.image();
            Tensor g = random(r, 1, hw[0], hw[1], 3);
            float[][] dp = f.backward(g);
            double lhs = dot(img, g), rhs = 0;
            for (int c = 0; c < 3; c++) for (int i = 0; i < dp[c].length; i++) rhs += (double) f.params()[c][i] * dp[c][i];
            System.out.printf("Fourier %dx%d: <image, g> = %.6f, <params, backward(g)> = %.6f%n", hw[0], hw[1], lhs, rhs);
            assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)));
        }
        // fftfreq like numpy: n = 5 -> 0, .2, .4, -.4, -.2 ; n = 4 -> 0, .25, -.5, -.25
        assertEquals(0.4, FourierImage.fftfreq(2, 5), 1e-12);
        assertEquals(-0.4, FourierImage.fftfreq(3, 5), 1e-12);
        assertEquals(-0.5, FourierImage.fftfreq(2, 4), 1e-12);
    }

    @Test
    void fourierImageHasMostPowerAtLowFrequencies() {
        FourierImage f = new FourierImage(64, 64, 1, 0.01, 1, new Random(3));
        Tensor img = f.image();
        // 1/f spectrum: neighbouring pixels are strongly correlated (white noise would give ~0).
        float[] d = img.data();
        double mean = 0;
        for (float v : d) mean += v / d.length;
        double num = 0, den = 0;
        for (int y = 0; y < 64; y++) for (int x = 0; x + 1 < 64; x++) {
            num += (d[y * 64 + x] - mean) * (d[y * 64 + x + 1] - mean);
            den += (d[y * 64 + x] - mean) * (d[y * 64 + x] - mean);
        }
        System.out.printf("neighbour correlation of the start image: %.3f%n", num / den);
        assertTrue(num / den > 0.5, "a 1/f image is smooth: " + num / den);
    }

    @Test
    void warpBackwardIsTheAdjoint() {
        Random r = new Random(9);
        for (RandomWarp w : new RandomWarp[] {new RandomWarp(2, -3, 1, 0, 0f), new RandomWarp(1.5, 0.5, 1.07, 8, 0f),
                new RandomWarp(-4, 2, 0.92, -10, 0f)}) {
            Tensor x = random(r, 1, 12, 9, 2), g = random(r, 1, 12, 9, 2);
            double lhs = dot(w.forward(x), g), rhs = dot(x, w.backward(x, g));
            assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)), w.toString());
        }
        Tensor x = random(r, 1, 6, 6, 1);
        assertEquals(0f, RandomWarp.none().forward(x).maxAbsDiff(x), 1e-6f, "the identity warp");
        Tensor shifted = new RandomWarp(1, 0, 1, 0, 0.5f).forward(x);
        assertEquals(x.get(0, 2, 3, 0), shifted.get(0, 3, 3, 0), 1e-6f, "a shift down by one row");
        assertEquals(0.5f, shifted.get(0, 0, 3, 0), 1e-6f, "the fill comes in at the top");
    }

    @Test
    void colourTransformGradientMatchesDifferences() {
        Random r = new Random(4);
        for (boolean decorrelate : new boolean[] {false, true}) {
            ColorTransform ct = new ColorTransform(decorrelate);
            Tensor raw = random(r, 1, 3, 4, 3), g = random(r, 1, 3, 4, 3);
            Tensor y = ct.forward(raw);
            Tensor analytic = ct.backward(y, g);
            double h = 1e-3;
            for (int i = 0; i < raw.size(); i++) {
                Tensor p = raw.copy(), m = raw.copy();
                p.data()[i] += (float) h;
                m.data()[i] -= (float) h;
                double num = (dot(ct.forward(p), g) - dot(ct.forward(m), g)) / (2 * h);
                assertEquals(num, analytic.data()[i], 2e-3 * Math.max(1, Math.abs(num)), "decorrelate=" + decorrelate + " index " + i);
            }
        }
    }
}
