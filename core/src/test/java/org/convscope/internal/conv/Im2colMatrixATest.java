package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.internal.gemm.MatrixA;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The implicit im2col matrix: its entries by hand, and its fast pack against element-by-element packing. */
class Im2colMatrixATest {

    @Test
    void entriesByHand() {
        // input 1x3x3x1 = arange:   0 1 2 / 3 4 5 / 6 7 8 ; 2x2 kernel, valid, stride 1 → 2x2 outputs
        Tensor x = Tensor.arange(1, 3, 3, 1);
        ConvGeometry g = ConvGeometry.of("t", 1, 3, 3, 1, 2, 2, new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, 1);
        Im2colMatrixA a = Im2colMatrixA.of(x.data(), g, 0);
        assertEquals(4, a.rows());
        assertEquals(4, a.cols());
        float[][] expected = {{0, 1, 3, 4}, {1, 2, 4, 5}, {3, 4, 6, 7}, {4, 5, 7, 8}};
        for (int i = 0; i < 4; i++) for (int p = 0; p < 4; p++) assertEquals(expected[i][p], a.get(i, p), "A[" + i + "][" + p + "]");

        // same padding, 2x2 kernel: TF puts the extra zero row/column at the bottom/right, so row 8
        // (the output pixel at 2,2) sees [8, pad, pad, pad]
        ConvGeometry s = ConvGeometry.of("t", 1, 3, 3, 1, 2, 2, new int[] {1, 1}, new int[] {1, 1}, Padding.SAME, 1);
        Im2colMatrixA b = Im2colMatrixA.of(x.data(), s, 0);
        assertEquals(9, b.rows());
        float[] row8 = new float[4], row0 = new float[4];
        for (int p = 0; p < 4; p++) { row8[p] = b.get(8, p); row0[p] = b.get(0, p); }
        assertArrayEquals(new float[] {8, 0, 0, 0}, row8);
        assertArrayEquals(new float[] {0, 1, 3, 4}, row0);

        // groups: 1x1x2x4 input (channels 0..3 then 4..7), 1x2 kernel, group 1 takes channels 2,3
        Tensor y = Tensor.arange(1, 1, 2, 4);
        ConvGeometry gg = ConvGeometry.of("t", 1, 1, 2, 4, 1, 2, new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, 2);
        Im2colMatrixA c = Im2colMatrixA.of(y.data(), gg, 1);
        float[] only = new float[4];
        for (int p = 0; p < 4; p++) only[p] = c.get(0, p);
        assertArrayEquals(new float[] {2, 3, 6, 7}, only);          // (tx=0: ch 2,3), (tx=1: ch 6,7)
    }

    /** The interface's element-by-element pack, for comparison. */
    private static float[] slowPack(MatrixA a, int i0, int mc, int p0, int kc, int mr) {
        MatrixA plain = new MatrixA() {
            @Override public int rows() { return a.rows(); }
            @Override public int cols() { return a.cols(); }
            @Override public float get(int i, int p) { return a.get(i, p); }
        };
        float[] dst = new float[((mc + mr - 1) / mr) * mr * kc + 3];
        Arrays.fill(dst, Float.NaN);
        plain.pack(i0, mc, p0, kc, mr, dst, 3);
        return dst;
    }

    @Test
    void fastPackMatchesElementwisePack() {
        SplittableRandom rnd = new SplittableRandom(7);
        int blocks = 0;
        for (int c = 0; c < 300; c++) {
            int batch = 1 + rnd.nextInt(2), h = 1 + rnd.nextInt(9), w = 1 + rnd.nextInt(9);
            int groups = 1 + rnd.nextInt(3), cin = groups * (1 + rnd.nextInt(4));
            int kh = 1 + rnd.nextInt(4), kw = 1 + rnd.nextInt(4);
            int[] st = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)}, dl = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            Padding pad = rnd.nextBoolean() ? Padding.SAME : Padding.VALID;
            if (pad == Padding.VALID && (h < (kh - 1) * dl[0] + 1 || w < (kw - 1) * dl[1] + 1)) continue;
            ConvGeometry geo = ConvGeometry.of("t", batch, h, w, cin, kh, kw, st, dl, pad, groups);
            Tensor x = TestTensors.random(rnd, batch, h, w, cin);
            Im2colMatrixA a = Im2colMatrixA.of(x.data(), geo, rnd.nextInt(groups));
            for (int rep = 0; rep < 4; rep++) {
                int mr = new int[] {1, 3, 4, 6, 8, 16}[rnd.nextInt(6)];
                int i0 = rnd.nextInt(a.rows()), p0 = rnd.nextInt(a.cols());
                int mc = 1 + rnd.nextInt(a.rows() - i0 + mr);   // may run past the last row: zeros
                int kc = 1 + rnd.nextInt(a.cols() - p0);
                float[] expected = slowPack(a, i0, mc, p0, kc, mr);
                float[] actual = new float[expected.length];
                Arrays.fill(actual, Float.NaN);
                a.pack(i0, mc, p0, kc, mr, actual, 3);
                if (!Arrays.equals(expected, actual)) {
                    int k = Arrays.mismatch(expected, actual);
                    throw new AssertionError(geo + ", pack(i0=" + i0 + ", mc=" + mc + ", p0=" + p0 + ", kc=" + kc
                            + ", mr=" + mr + "): first difference at " + k + ": expected " + expected[k] + " got " + actual[k]);
                }
                blocks++;
            }
        }
        System.out.println("Im2colMatrixATest: " + blocks + " packed blocks compared");
        assertEquals(true, blocks > 500, "too few blocks compared: " + blocks);
    }
}
