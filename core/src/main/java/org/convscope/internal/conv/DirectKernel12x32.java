package org.convscope.internal.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot loop of {@link DirectConv2D}: a 12-pixel × 32-channel tile of a convolution's output held
 * in 24 {@code FloatVector} accumulators (the register blocking of the GEMM's
 * {@code MicroKernel12x32}, for the same reasons), with A read from {@link DirectConv2D}'s row
 * buffer instead of a packed panel:
 * <pre>
 *   C[i][co] = bias[co] + Σ_{p &lt; k}  a[aOff + i·pixelStride + p] · b[bOff + p·32 + co]
 * </pre>
 * In that buffer the k = kh·kw·cin values of output pixel i's window are contiguous and the windows
 * of neighbouring pixels start {@code pixelStride} apart, so each k step broadcasts 12 values read
 * straight from it: no packing. B is one 32-column panel of the kernel, {@code k × 32} floats, rows
 * in the buffer's (tx, ty, ci) order.
 *
 * <p>One flat k loop: a loop over kernel rows around one over kw·cin (9 steps for an RGB 3x3 kernel)
 * ran at 70 GFLOP/s, this one at 120–135 (one thread, convnet_512's conv1 tiles). Each accumulator
 * is its own local and the loops over the 12 pixels and 2 vectors are unrolled (written out by a
 * script from one row).
 */
final class DirectKernel12x32 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int MR = 12, NR = 32;

    private DirectKernel12x32() {}

    /**
     * Writes the 12×32 tile to {@code c[cOff + i·ldc + co]}.
     *
     * @param k           the reduction length, kh·kw·cin
     * @param pixelStride distance in {@code a} between the windows of two neighbouring output pixels
     * @param bias        32 values at {@code biasOff}
     * @param relu        apply {@code max(x, 0)} before storing (with {@code Math.max}'s NaN and −0 rules)
     */
    static void tile(int k, float[] a, int aOff, int pixelStride, float[] b, int bOff, float[] bias, int biasOff,
                     float[] c, int cOff, int ldc, boolean relu) {
        FloatVector z0 = FloatVector.fromArray(S, bias, biasOff), z1 = FloatVector.fromArray(S, bias, biasOff + 16);
        FloatVector c0_0 = z0, c0_1 = z1;
        FloatVector c1_0 = z0, c1_1 = z1;
        FloatVector c2_0 = z0, c2_1 = z1;
        FloatVector c3_0 = z0, c3_1 = z1;
        FloatVector c4_0 = z0, c4_1 = z1;
        FloatVector c5_0 = z0, c5_1 = z1;
        FloatVector c6_0 = z0, c6_1 = z1;
        FloatVector c7_0 = z0, c7_1 = z1;
        FloatVector c8_0 = z0, c8_1 = z1;
        FloatVector c9_0 = z0, c9_1 = z1;
        FloatVector c10_0 = z0, c10_1 = z1;
        FloatVector c11_0 = z0, c11_1 = z1;
        // pixel i's window starts o{i} after pixel 0's: loop-invariant offsets
        int o1 = pixelStride, o2 = 2 * pixelStride, o3 = 3 * pixelStride, o4 = 4 * pixelStride;
        int o5 = 5 * pixelStride, o6 = 6 * pixelStride, o7 = 7 * pixelStride, o8 = 8 * pixelStride;
        int o9 = 9 * pixelStride, o10 = 10 * pixelStride, o11 = 11 * pixelStride;
        for (int p = 0; p < k; p++) {
            int ap = aOff + p, bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 16);
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
            FloatVector a6 = FloatVector.broadcast(S, a[ap + o6]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + o7]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + o8]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + o9]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + o10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + o11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
        }
        if (relu) {
            FloatVector zero = FloatVector.zero(S);
            c0_0 = c0_0.max(zero); c0_1 = c0_1.max(zero);
            c1_0 = c1_0.max(zero); c1_1 = c1_1.max(zero);
            c2_0 = c2_0.max(zero); c2_1 = c2_1.max(zero);
            c3_0 = c3_0.max(zero); c3_1 = c3_1.max(zero);
            c4_0 = c4_0.max(zero); c4_1 = c4_1.max(zero);
            c5_0 = c5_0.max(zero); c5_1 = c5_1.max(zero);
            c6_0 = c6_0.max(zero); c6_1 = c6_1.max(zero);
            c7_0 = c7_0.max(zero); c7_1 = c7_1.max(zero);
            c8_0 = c8_0.max(zero); c8_1 = c8_1.max(zero);
            c9_0 = c9_0.max(zero); c9_1 = c9_1.max(zero);
            c10_0 = c10_0.max(zero); c10_1 = c10_1.max(zero);
            c11_0 = c11_0.max(zero); c11_1 = c11_1.max(zero);
        }
        c0_0.intoArray(c, cOff); c0_1.intoArray(c, cOff + 16);
        c1_0.intoArray(c, cOff + 1 * ldc); c1_1.intoArray(c, cOff + 1 * ldc + 16);
        c2_0.intoArray(c, cOff + 2 * ldc); c2_1.intoArray(c, cOff + 2 * ldc + 16);
        c3_0.intoArray(c, cOff + 3 * ldc); c3_1.intoArray(c, cOff + 3 * ldc + 16);
        c4_0.intoArray(c, cOff + 4 * ldc); c4_1.intoArray(c, cOff + 4 * ldc + 16);
        c5_0.intoArray(c, cOff + 5 * ldc); c5_1.intoArray(c, cOff + 5 * ldc + 16);
        c6_0.intoArray(c, cOff + 6 * ldc); c6_1.intoArray(c, cOff + 6 * ldc + 16);
        c7_0.intoArray(c, cOff + 7 * ldc); c7_1.intoArray(c, cOff + 7 * ldc + 16);
        c8_0.intoArray(c, cOff + 8 * ldc); c8_1.intoArray(c, cOff + 8 * ldc + 16);
        c9_0.intoArray(c, cOff + 9 * ldc); c9_1.intoArray(c, cOff + 9 * ldc + 16);
        c10_0.intoArray(c, cOff + 10 * ldc); c10_1.intoArray(c, cOff + 10 * ldc + 16);
        c11_0.intoArray(c, cOff + 11 * ldc); c11_1.intoArray(c, cOff + 11 * ldc + 16);
    }
}
