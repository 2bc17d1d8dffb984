package org.convscope.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 256-bit micro-kernel: a 6×16 tile of C in 12 {@code FloatVector} accumulators (6 rows × 2
 * vectors of 8 lanes). This is the classic AVX2 shape: 12 accumulators + 2 B vectors + 1 broadcast
 * = 15 of the 16 ymm registers AVX2 machines have, so it runs without spills there too; 12 ≥ 8
 * independent FMA chains keep two 4-cycle-latency FMA ports busy.
 *
 * <p>Same structure as {@link MicroKernel12x32}: accumulators as separate locals, unrolled over MR and
 * NR, k loop rolled.
 */
final class MicroKernel6x16 extends MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int MR = 6, NR = 16;
    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */
    static final int KC = 384;

    MicroKernel6x16() { super(MR, NR, KC); }

    @Override
    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,
              float[] bias, int biasOff) {
        // one accumulator per (row i, vector j): c{i}_{j} holds C[i][j*L .. j*L+L) of this tile
        FloatVector c0_0, c0_1;
        FloatVector c1_0, c1_1;
        FloatVector c2_0, c2_1;
        FloatVector c3_0, c3_1;
        FloatVector c4_0, c4_1;
        FloatVector c5_0, c5_1;
        if (load) {
            int r0 = cOff;
            c0_0 = FloatVector.fromArray(S, c, r0); c0_1 = FloatVector.fromArray(S, c, r0 + 8);
            int r1 = cOff + ldc;
            c1_0 = FloatVector.fromArray(S, c, r1); c1_1 = FloatVector.fromArray(S, c, r1 + 8);
            int r2 = cOff + 2 * ldc;
            c2_0 = FloatVector.fromArray(S, c, r2); c2_1 = FloatVector.fromArray(S, c, r2 + 8);
            int r3 = cOff + 3 * ldc;
            c3_0 = FloatVector.fromArray(S, c, r3); c3_1 = FloatVector.fromArray(S, c, r3 + 8);
            int r4 = cOff + 4 * ldc;
            c4_0 = FloatVector.fromArray(S, c, r4); c4_1 = FloatVector.fromArray(S, c, r4 + 8);
            int r5 = cOff + 5 * ldc;
            c5_0 = FloatVector.fromArray(S, c, r5); c5_1 = FloatVector.fromArray(S, c, r5 + 8);
        } else {
            // first k-block: start from the bias row (fused epilogue) or from zero
            FloatVector z0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff);
            FloatVector z1 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + 8);
            c0_0 = z0; c0_1 = z1;
            c1_0 = z0; c1_1 = z1;
            c2_0 = z0; c2_1 = z1;
            c3_0 = z0; c3_1 = z1;
            c4_0 = z0; c4_1 = z1;
            c5_0 = z0; c5_1 = z1;
        }
        // k rank-1 updates: C[0..6)[0..16) += a[p][0..6) (outer product) b[p][0..16)
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 8);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1 * KC]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2 * KC]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3 * KC]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4 * KC]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5 * KC]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
        }
        int s0 = cOff;
        c0_0.intoArray(c, s0); c0_1.intoArray(c, s0 + 8);
        int s1 = cOff + ldc;
        c1_0.intoArray(c, s1); c1_1.intoArray(c, s1 + 8);
        int s2 = cOff + 2 * ldc;
        c2_0.intoArray(c, s2); c2_1.intoArray(c, s2 + 8);
        int s3 = cOff + 3 * ldc;
        c3_0.intoArray(c, s3); c3_1.intoArray(c, s3 + 8);
        int s4 = cOff + 4 * ldc;
        c4_0.intoArray(c, s4); c4_1.intoArray(c, s4 + 8);
        int s5 = cOff + 5 * ldc;
        c5_0.intoArray(c, s5); c5_1.intoArray(c, s5 + 8);
    }
}
