package org.convscope.layers;

import static org.convscope.layers.Expect.close;
import static org.convscope.layers.Expect.exact;
import static org.convscope.layers.Expect.f;
import static org.convscope.layers.Expect.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convscope.geometry.Padding;
import org.convscope.reference.ReferencePooling;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MaxPooling2D and AveragePooling2D: hand cases, then a seeded sweep against ReferencePooling. */
class PoolingTest {
    private static final Tensor X44 = Tensor.arange(1, 4, 4, 1);  // rows [0..3], [4..7], [8..11], [12..15]

    @Test
    void validStride2() {
        // 2x2 windows: {0,1,4,5} {2,3,6,7} {8,9,12,13} {10,11,14,15}.
        exact("max valid", s(1, 2, 2, 1), f(5, 7, 13, 15), new MaxPooling2D("p", s(2, 2), null, Padding.VALID).forward(X44));
        exact("avg valid", s(1, 2, 2, 1), f(2.5f, 4.5f, 10.5f, 12.5f),
                new AveragePooling2D("p", s(2, 2), s(2, 2), Padding.VALID).forward(X44));
    }

    @Test
    void sameWithTheExtraPaddingAtBottomRight() {
        // 2x2, stride 1, same on 4x4: out 4x4, total padding (4−1)·1 + 2 − 4 = 1 → 0 on top/left,
        // 1 at the bottom/right (TensorFlow). Window (oy, ox) covers rows oy..oy+1 and columns
        // ox..ox+1 clipped to the image, so max = x[min(oy+1,3)][min(ox+1,3)]. A top/left split would
        // give out[0][0] = x[0][0] = 0 instead of 5.
        exact("max same", s(1, 4, 4, 1), f(5, 6, 7, 7, 9, 10, 11, 11, 13, 14, 15, 15, 13, 14, 15, 15),
                new MaxPooling2D("p", s(2, 2), s(1, 1), Padding.SAME).forward(X44));
        // Averages divide by the in-bounds count: [0][0] = (0+1+4+5)/4 = 2.5; [0][3] = (3+7)/2 = 5;
        // [3][0] = (12+13)/2 = 12.5; [3][3] = 15/1.
        Tensor avg = new AveragePooling2D("p", s(2, 2), s(1, 1), Padding.SAME).forward(X44);
        close("avg same", s(1, 4, 4, 1), f(2.5f, 3.5f, 4.5f, 5, 6.5f, 7.5f, 8.5f, 9, 10.5f, 11.5f, 12.5f, 13, 12.5f, 13.5f, 14.5f, 15),
                avg, 0f);
        // 3x3 stride 2 same on 4x4: out 2x2, total (2−1)·2 + 3 − 4 = 1 → windows rows 0..2 and 2..3.
        exact("max same 3x3/2", s(1, 2, 2, 1), f(10, 11, 14, 15), new MaxPooling2D("p", s(3, 3), s(2, 2), Padding.SAME).forward(X44));
        // avg: [0][0] = mean of rows 0..2 × cols 0..2 = 45/9 = 5; [1][1] = (10+11+14+15)/4 = 12.5;
        // [0][1] = rows 0..2 × cols 2..3 = (2+3+6+7+10+11)/6 = 6.5; [1][0] = (8+9+10+12+13+14)/6 = 11.
        exact("avg same 3x3/2", s(1, 2, 2, 1), f(5, 6.5f, 11, 12.5f),
                new AveragePooling2D("p", s(3, 3), s(2, 2), Padding.SAME).forward(X44));
    }

    @Test
    void rectangularWindowAndStrides() {
        // 3x4 input [0..3],[4..7],[8..11]; pool (1, 3), strides (2, 1), valid → rows 0 and 2, 2 columns.
        Tensor x = Tensor.arange(1, 3, 4, 1);
        exact("max rect", s(1, 2, 2, 1), f(2, 3, 10, 11), new MaxPooling2D("p", s(1, 3), s(2, 1), Padding.VALID).forward(x));
        exact("avg rect", s(1, 2, 2, 1), f(1, 2, 9, 10), new AveragePooling2D("p", s(1, 3), s(2, 1), Padding.VALID).forward(x));
        // Two channels are pooled separately: channel 1 is channel 0 + 1.
        exact("max 2ch", s(1, 1, 1, 2), f(6, 7), new MaxPooling2D("p", s(2, 2), null, Padding.VALID).forward(Tensor.arange(1, 2, 2, 2)));
    }

    @Test
    void maxPadsWithMinusInfinityNotZero() {
        // All values negative: a zero padding would leak 0 into the border windows.
        // [[−2, −4], [−3, −5]], 2x2 stride 1 same: [0][1] sees column 1 only → max(−4, −5) = −4;
        // [1][0] sees row 1 only → −3; [1][1] sees −5 alone.
        Tensor x = Tensor.of(f(-2, -4, -3, -5), 1, 2, 2, 1);
        exact("max same negative", s(1, 2, 2, 1), f(-2, -4, -3, -5), new MaxPooling2D("p", s(2, 2), s(1, 1), Padding.SAME).forward(x));
    }

    @Test
    void shapesAndErrors() {
        MaxPooling2D p = new MaxPooling2D("pool1", s(3, 2), s(2, 2), Padding.VALID);
        assertArrayEquals(s(-1, 3, 4, 8), p.outputShape(s(-1, 7, 8, 8)));
        assertArrayEquals(s(-1, 4, 4, 8), new AveragePooling2D("a", s(3, 2), s(2, 2), Padding.SAME).outputShape(s(-1, 7, 8, 8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.forward(Tensor.zeros(1, 2, 8, 1)));
        assertTrue(e.getMessage().contains("MaxPooling2D 'pool1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AveragePooling2D("a", s(0, 2), null, Padding.VALID));
        assertTrue(e.getMessage().contains("AveragePooling2D 'a'") && e.getMessage().contains("pool_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(Tensor.zeros(4, 4, 1)));
        assertTrue(e.getMessage().contains("rank-4"), e.getMessage());
    }

    @Test
    void sweepAgainstReference() {
        Random r = new Random(20241125);
        int cases = 0;
        for (int i = 0; i < 600; i++) {
            int n = 1 + r.nextInt(2), h = 1 + r.nextInt(9), w = 1 + r.nextInt(9);
            int c = r.nextInt(3) == 0 ? 16 + r.nextInt(25) : 1 + r.nextInt(3);   // whole vectors and tails too
            int[] pool = {1 + r.nextInt(4), 1 + r.nextInt(4)}, strides = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            if (pad == Padding.VALID && (h < pool[0] || w < pool[1])) continue;
            Tensor x = Tensor.zeros(n, h, w, c);
            for (int j = 0; j < x.size(); j++) x.data()[j] = (float) r.nextGaussian();
            String what = "case " + i + ": input " + h + "x" + w + "x" + c + " pool " + pool[0] + "x" + pool[1]
                    + " strides " + strides[0] + "x" + strides[1] + " " + pad;
            Tensor wantMax = ReferencePooling.maxPool(x, pool, strides, pad);
            exact("max " + what, wantMax.shape(), wantMax.data(), new MaxPooling2D("p", pool, strides, pad).forward(x));
            Tensor wantAvg = ReferencePooling.averagePool(x, pool, strides, pad);
            close("avg " + what, wantAvg.shape(), wantAvg.data(), new AveragePooling2D("p", pool, strides, pad).forward(x), 1e-6f);
            cases++;
        }
        System.out.println("PoolingTest: " + cases + " random max+average pooling cases against ReferencePooling");
        assertTrue(cases > 400, "too few cases ran: " + cases);
    }

    @Test
    void twoByTwoStrideTwoFastPathAroundTheVectorLength() {   // and the multi-threaded row split
        // The 2x2 / stride 2 / no-padding windows take a one-pass loop (Vector API for max): check
        // channel counts below, at and past one and two 512-bit vectors, odd sizes (the last row and
        // column are dropped by 'valid'), batch 2, against the reference loops.
        Random r = new Random(7);
        int cases = 0;
        for (int c : new int[] {1, 3, 15, 16, 17, 31, 32, 33, 64}) {
            for (int[] hw : new int[][] {{4, 4}, {5, 7}, {6, 3}}) {
                Tensor x = Tensor.zeros(2, hw[0], hw[1], c);
                for (int j = 0; j < x.size(); j++) x.data()[j] = (float) r.nextGaussian();
                String what = "2x2/2 on 2x" + hw[0] + "x" + hw[1] + "x" + c;
                Tensor wantMax = ReferencePooling.maxPool(x, s(2, 2), s(2, 2), Padding.VALID);
                exact("max " + what, wantMax.shape(), wantMax.data(), new MaxPooling2D("p", s(2, 2), null, Padding.VALID).forward(x));
                Tensor wantAvg = ReferencePooling.averagePool(x, s(2, 2), s(2, 2), Padding.VALID);
                close("avg " + what, wantAvg.shape(), wantAvg.data(), new AveragePooling2D("p", s(2, 2), null, Padding.VALID).forward(x), 1e-6f);
                cases++;
            }
        }
        assertTrue(cases == 27);
        // large enough (>= 64 Ki output values) to be shared out over the engine's threads by rows
        Tensor big = Tensor.zeros(2, 129, 128, 16);
        for (int j = 0; j < big.size(); j++) big.data()[j] = (float) r.nextGaussian();
        for (int[][] ps : new int[][][] {{{2, 2}, {2, 2}}, {{3, 3}, {2, 2}}}) {
            for (Padding pad : Padding.values()) {
                String what = "2x129x128x16 pool " + ps[0][0] + " strides " + ps[1][0] + " " + pad;
                Tensor wantMax = ReferencePooling.maxPool(big, ps[0], ps[1], pad);
                exact("max " + what, wantMax.shape(), wantMax.data(), new MaxPooling2D("p", ps[0], ps[1], pad).forward(big));
                Tensor wantAvg = ReferencePooling.averagePool(big, ps[0], ps[1], pad);
                close("avg " + what, wantAvg.shape(), wantAvg.data(), new AveragePooling2D("p", ps[0], ps[1], pad).forward(big), 1e-6f);
            }
        }
        // Math.max's rules, whichever loop runs: NaN wins, and +0 beats −0.
        float nan = Float.NaN;
        Tensor x = Tensor.of(f(1, -0f, nan, 2, 0f, -0f, 3, -0f), 1, 2, 2, 2);   // channel 0: 1, nan, 0, 3; channel 1: −0, 2, −0, −0
        Tensor y = new MaxPooling2D("p", s(2, 2), null, Padding.VALID).forward(x);
        assertTrue(Float.isNaN(y.data()[0]), "NaN must propagate, got " + y.data()[0]);
        assertTrue(y.data()[1] == 2f, "got " + y.data()[1]);
        Tensor z = new MaxPooling2D("p", s(2, 2), null, Padding.VALID).forward(Tensor.of(f(-0f, 0f, -0f, -0f), 1, 2, 2, 1));
        assertTrue(Float.floatToRawIntBits(z.data()[0]) == 0, "max(-0, +0) must be +0, got " + z.data()[0]);
    }
}
