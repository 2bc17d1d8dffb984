package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Im2colMatrixA#packRows} (the vector GEMM's row layout) against the matrix's own
 * element-by-element {@link Im2colMatrixA#get}, on random geometries: strides, dilation, padding,
 * groups, batch, blocks running past the last row, and a destination row stride larger than kc.
 */
class Im2colPackRowsTest {
    @Test
    void packRowsMatchesGet() {
        SplittableRandom rnd = new SplittableRandom(17);
        int blocks = 0;
        for (int c = 0; c < 300; c++) {
            int batch = 1 + rnd.nextInt(2), h = 1 + rnd.nextInt(9), w = 1 + rnd.nextInt(9);
            int groups = 1 + rnd.nextInt(3), cin = groups * (1 + rnd.nextInt(12));
            int kh = 1 + rnd.nextInt(4), kw = 1 + rnd.nextInt(4);
            int[] st = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)}, dl = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            Padding pad = rnd.nextBoolean() ? Padding.SAME : Padding.VALID;
            if (pad == Padding.VALID && (h < (kh - 1) * dl[0] + 1 || w < (kw - 1) * dl[1] + 1)) continue;
            ConvGeometry geo = ConvGeometry.of("t", batch, h, w, cin, kh, kw, st, dl, pad, groups);
            Tensor x = TestTensors.random(rnd, batch, h, w, cin);
            Im2colMatrixA a = Im2colMatrixA.of(x.data(), geo, rnd.nextInt(groups));
            for (int rep = 0; rep < 4; rep++) {
                int i0 = rnd.nextInt(a.rows()), p0 = rnd.nextInt(a.cols());
                int mc = 1 + rnd.nextInt(a.rows() - i0 + 5);          // may run past the last row: zeros
                int kc = 1 + rnd.nextInt(a.cols() - p0);
                int ld = kc + rnd.nextInt(4), off = 3;
                float[] actual = new float[off + mc * ld];
                Arrays.fill(actual, Float.NaN);
                a.packRows(i0, mc, p0, kc, actual, off, ld);
                for (int r = 0; r < mc; r++) {
                    for (int p = 0; p < ld; p++) {
                        float want = p >= kc ? Float.NaN : i0 + r < a.rows() ? a.get(i0 + r, p0 + p) : 0f;
                        float got = actual[off + r * ld + p];
                        if (Float.compare(want, got) != 0) {
                            throw new AssertionError(geo + ", packRows(i0=" + i0 + ", mc=" + mc + ", p0=" + p0 + ", kc=" + kc
                                    + ", ld=" + ld + "): row " + r + " column " + p + ": expected " + want + " got " + got);
                        }
                    }
                }
                assertTrue(Float.isNaN(actual[0]) && Float.isNaN(actual[off - 1]), "wrote before dstOff");
                blocks++;
            }
        }
        assertTrue(blocks > 500, "too few blocks compared: " + blocks);
    }
}
