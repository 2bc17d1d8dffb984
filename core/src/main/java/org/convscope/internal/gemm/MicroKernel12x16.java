package org.convscope.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The narrow 512-bit micro-kernel: a 12×16 tile of C in 12 {@code FloatVector} accumulators (12 rows
 * × one vector of 16 lanes), for products with at most 16 columns (a convolution to 7 classes, a
 * small dense head). There {@link MicroKernel12x32} would compute a 32-wide panel of which 7 columns
 * are real (22% of its FMAs); this kernel's panel is 16 wide (44%), so such a product takes about
 * half the time.
 *
 * <p>12 accumulators still cover the 8 independent FMA chains two 4-cycle FMA ports need. Per k step
 * it loads one B vector and broadcasts 12 A values for 12 FMAs: it is bound by loads rather than
 * FMAs (about 13 loads per 12 FMAs), which is why the wide kernel stays the default.
 *
 * <p>A is the same row-layout micro-panel as the wide kernel's (row i at {@code aOff + i·KC}, KC =
 * {@value #KC}), so both share the packing code. Written out like {@link MicroKernel12x32}: one local
 * per accumulator, the loop over MR unrolled, the k loop rolled.
 */
final class MicroKernel12x16 extends MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int MR = 12, NR = 16;
    /** Row stride of a packed A micro-panel and the largest kc: as {@link MicroKernel12x32#KC}. */
    static final int KC = MicroKernel12x32.KC;

    MicroKernel12x16() { super(MR, NR, KC); }

    @Override
    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,
              float[] bias, int biasOff) {
        // one accumulator per row i: c{i} holds C[i][0 .. 16) of this tile
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11;
        if (load) {
            c0 = FloatVector.fromArray(S, c, cOff);
            c1 = FloatVector.fromArray(S, c, cOff + ldc);
            c2 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c3 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c4 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c5 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
            c6 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
            c7 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
            c8 = FloatVector.fromArray(S, c, cOff + 8 * ldc);
            c9 = FloatVector.fromArray(S, c, cOff + 9 * ldc);
            c10 = FloatVector.fromArray(S, c, cOff + 10 * ldc);
            c11 = FloatVector.fromArray(S, c, cOff + 11 * ldc);
        } else {
            // first k-block: start from the bias row (fused epilogue) or from zero
            FloatVector z = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff);
            c0 = z; c1 = z; c2 = z; c3 = z; c4 = z; c5 = z; c6 = z; c7 = z; c8 = z; c9 = z; c10 = z; c11 = z;
        }
        // k rank-1 updates: C[0..12)[0..16) += a[p][0..12) (outer product) b[p][0..16)
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p;   // A row i at ap + i·KC: constant displacements, one index register
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + p * NR);
            c0 = FloatVector.broadcast(S, a[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ap + 1 * KC]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ap + 2 * KC]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ap + 3 * KC]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ap + 4 * KC]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ap + 5 * KC]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ap + 6 * KC]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ap + 7 * KC]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[ap + 8 * KC]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[ap + 9 * KC]).fma(b0, c9);
            c10 = FloatVector.broadcast(S, a[ap + 10 * KC]).fma(b0, c10);
            c11 = FloatVector.broadcast(S, a[ap + 11 * KC]).fma(b0, c11);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
        c6.intoArray(c, cOff + 6 * ldc);
        c7.intoArray(c, cOff + 7 * ldc);
        c8.intoArray(c, cOff + 8 * ldc);
        c9.intoArray(c, cOff + 9 * ldc);
        c10.intoArray(c, cOff + 10 * ldc);
        c11.intoArray(c, cOff + 11 * ldc);
    }
}
