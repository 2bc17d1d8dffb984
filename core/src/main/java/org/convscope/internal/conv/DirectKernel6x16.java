package org.convscope.internal.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 256-bit hot loop of {@link DirectConv2D}: a 6-pixel × 16-channel tile of a convolution's output
 * in 12 {@code FloatVector} accumulators (the register blocking of the GEMM's
 * {@code MicroKernel6x16}: 12 accumulators + 2 B vectors + 1 broadcast fit an AVX2 machine's 16 ymm
 * registers), with A read from {@link DirectConv2D}'s row buffer as in {@link DirectKernel12x32}:
 * <pre>
 *   C[i][co] = bias[co] + Σ_{p &lt; k}  a[aOff + i·pixelStride + p] · b[bOff + p·16 + co]
 * </pre>
 * Written out by the generator ({@code MicroKernelSource}) from one row.
 */
final class DirectKernel6x16 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int MR = 6, NR = 16;

    private DirectKernel6x16() {}

    /**
     * Writes the 6×16 tile to {@code c[cOff + i·ldc + co]}.
     *
     * @param k           the reduction length, kh·kw·cin
     * @param pixelStride distance in {@code a} between the windows of two neighbouring output pixels
     * @param bias        16 values at {@code biasOff}
     * @param relu        apply {@code max(x, 0)} before storing (with {@code Math.max}'s NaN and −0 rules)
     */
    static void tile(int k, float[] a, int aOff, int pixelStride, float[] b, int bOff, float[] bias, int biasOff,
                     float[] c, int cOff, int ldc, boolean relu) {
        FloatVector z0 = FloatVector.fromArray(S, bias, biasOff), z1 = FloatVector.fromArray(S, bias, biasOff + 8);
        FloatVector c0_0 = z0, c0_1 = z1;
        FloatVector c1_0 = z0, c1_1 = z1;
        FloatVector c2_0 = z0, c2_1 = z1;
        FloatVector c3_0 = z0, c3_1 = z1;
        FloatVector c4_0 = z0, c4_1 = z1;
        FloatVector c5_0 = z0, c5_1 = z1;
        // pixel i's window starts o{i} after pixel 0's: loop-invariant offsets
        int o1 = pixelStride, o2 = 2 * pixelStride, o3 = 3 * pixelStride, o4 = 4 * pixelStride;
        int o5 = 5 * pixelStride;
        for (int p = 0; p < k; p++) {
            int ap = aOff + p, bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 8);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + o1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + o2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + o3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + o4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + o5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
        }
        if (relu) {
            FloatVector zero = FloatVector.zero(S);
            c0_0 = c0_0.max(zero); c0_1 = c0_1.max(zero);
            c1_0 = c1_0.max(zero); c1_1 = c1_1.max(zero);
            c2_0 = c2_0.max(zero); c2_1 = c2_1.max(zero);
            c3_0 = c3_0.max(zero); c3_1 = c3_1.max(zero);
            c4_0 = c4_0.max(zero); c4_1 = c4_1.max(zero);
            c5_0 = c5_0.max(zero); c5_1 = c5_1.max(zero);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + 8);
        c1_0.intoArray(c, cOff + 1 * ldc); c1_1.intoArray(c, cOff + 1 * ldc + 8);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + 8);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + 8);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + 8);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + 8);
    }
}
