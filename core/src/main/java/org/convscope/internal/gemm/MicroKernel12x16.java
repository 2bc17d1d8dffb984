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
 * <p>A is the same row-layout micro-panel as the wide kernel's (row i at {@code aOff + i·KC}, the
 * same KC), so both share the packing code. Written out by the generator like
 * {@link MicroKernel12x32}.
 */
final class MicroKernel12x16 extends MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int MR = 12, NR = 16;
    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */
    static final int KC = MicroKernel12x32.KC;

    MicroKernel12x16() { super(MR, NR, KC); }

    @Override
    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,
              float[] bias, int biasOff) {
        // one accumulator per (row i, vector j): c{i}_{j} holds C[i][j*L .. j*L+L) of this tile
        FloatVector c0_0;
        FloatVector c1_0;
        FloatVector c2_0;
        FloatVector c3_0;
        FloatVector c4_0;
        FloatVector c5_0;
        FloatVector c6_0;
        FloatVector c7_0;
        FloatVector c8_0;
        FloatVector c9_0;
        FloatVector c10_0;
        FloatVector c11_0;
        if (load) {
            int r0 = cOff;
            c0_0 = FloatVector.fromArray(S, c, r0);
            int r1 = cOff + ldc;
            c1_0 = FloatVector.fromArray(S, c, r1);
            int r2 = cOff + 2 * ldc;
            c2_0 = FloatVector.fromArray(S, c, r2);
            int r3 = cOff + 3 * ldc;
            c3_0 = FloatVector.fromArray(S, c, r3);
            int r4 = cOff + 4 * ldc;
            c4_0 = FloatVector.fromArray(S, c, r4);
            int r5 = cOff + 5 * ldc;
            c5_0 = FloatVector.fromArray(S, c, r5);
            int r6 = cOff + 6 * ldc;
            c6_0 = FloatVector.fromArray(S, c, r6);
            int r7 = cOff + 7 * ldc;
            c7_0 = FloatVector.fromArray(S, c, r7);
            int r8 = cOff + 8 * ldc;
            c8_0 = FloatVector.fromArray(S, c, r8);
            int r9 = cOff + 9 * ldc;
            c9_0 = FloatVector.fromArray(S, c, r9);
            int r10 = cOff + 10 * ldc;
            c10_0 = FloatVector.fromArray(S, c, r10);
            int r11 = cOff + 11 * ldc;
            c11_0 = FloatVector.fromArray(S, c, r11);
        } else {
            // first k-block: start from the bias row (fused epilogue) or from zero
            FloatVector z0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff);
            c0_0 = z0;
            c1_0 = z0;
            c2_0 = z0;
            c3_0 = z0;
            c4_0 = z0;
            c5_0 = z0;
            c6_0 = z0;
            c7_0 = z0;
            c8_0 = z0;
            c9_0 = z0;
            c10_0 = z0;
            c11_0 = z0;
        }
        // k rank-1 updates: C[0..12)[0..16) += a[p][0..12) (outer product) b[p][0..16)
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1 * KC]);
            c1_0 = a1.fma(b0, c1_0);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2 * KC]);
            c2_0 = a2.fma(b0, c2_0);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3 * KC]);
            c3_0 = a3.fma(b0, c3_0);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4 * KC]);
            c4_0 = a4.fma(b0, c4_0);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5 * KC]);
            c5_0 = a5.fma(b0, c5_0);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6 * KC]);
            c6_0 = a6.fma(b0, c6_0);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7 * KC]);
            c7_0 = a7.fma(b0, c7_0);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8 * KC]);
            c8_0 = a8.fma(b0, c8_0);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9 * KC]);
            c9_0 = a9.fma(b0, c9_0);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10 * KC]);
            c10_0 = a10.fma(b0, c10_0);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11 * KC]);
            c11_0 = a11.fma(b0, c11_0);
        }
        int s0 = cOff;
        c0_0.intoArray(c, s0);
        int s1 = cOff + ldc;
        c1_0.intoArray(c, s1);
        int s2 = cOff + 2 * ldc;
        c2_0.intoArray(c, s2);
        int s3 = cOff + 3 * ldc;
        c3_0.intoArray(c, s3);
        int s4 = cOff + 4 * ldc;
        c4_0.intoArray(c, s4);
        int s5 = cOff + 5 * ldc;
        c5_0.intoArray(c, s5);
        int s6 = cOff + 6 * ldc;
        c6_0.intoArray(c, s6);
        int s7 = cOff + 7 * ldc;
        c7_0.intoArray(c, s7);
        int s8 = cOff + 8 * ldc;
        c8_0.intoArray(c, s8);
        int s9 = cOff + 9 * ldc;
        c9_0.intoArray(c, s9);
        int s10 = cOff + 10 * ldc;
        c10_0.intoArray(c, s10);
        int s11 = cOff + 11 * ldc;
        c11_0.intoArray(c, s11);
    }
}
