package org.convscope.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The narrow 256-bit micro-kernel: a 4×24 tile of C in 12 {@code FloatVector} accumulators (4 rows ×
 * 3 vectors of 8 lanes), for products with 17 to 24 columns (a 1×1 convolution to 24 channels, as in
 * MobileNetV2 and EfficientNet). There {@link MicroKernel6x16} would compute two 16-wide panels, 32
 * columns of which 8 are padding; this kernel's one panel is exactly 24 wide. 12 accumulators + 3 B
 * vectors + 1 broadcast = 16 ymm registers, so it fits an AVX2 machine's 16 without spilling.
 *
 * <p>Measured (round 4, benchmarks/NOTES.md; a forced 256-bit path on a Zen 5 host): 2304×24×144
 * (a 48×48 pointwise layer, 144 → 24 channels) 62–66 GFLOP/s with 6×16, 87–89 with 4×24; on
 * 64-column or square products it is 5–15% slower than 6×16 (it broadcasts A once per 3 FMAs rather
 * than 2, and its 24-wide panels pad 64 to 72), so it runs only for 17–24 columns.
 *
 * <p>A is the same row-layout micro-panel as 6×16's (row i at {@code aOff + i·KC}, the same KC), so
 * both share the packing code. Written out by the generator like {@link MicroKernel12x32}.
 */
final class MicroKernel4x24 extends MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int MR = 4, NR = 24;
    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */
    static final int KC = MicroKernel6x16.KC;

    MicroKernel4x24() { super(MR, NR, KC); }

    @Override
    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,
              float[] bias, int biasOff) {
        // one accumulator per (row i, vector j): c{i}_{j} holds C[i][j*L .. j*L+L) of this tile
        FloatVector c0_0, c0_1, c0_2;
        FloatVector c1_0, c1_1, c1_2;
        FloatVector c2_0, c2_1, c2_2;
        FloatVector c3_0, c3_1, c3_2;
        if (load) {
            int r0 = cOff;
            c0_0 = FloatVector.fromArray(S, c, r0); c0_1 = FloatVector.fromArray(S, c, r0 + 8); c0_2 = FloatVector.fromArray(S, c, r0 + 16);
            int r1 = cOff + ldc;
            c1_0 = FloatVector.fromArray(S, c, r1); c1_1 = FloatVector.fromArray(S, c, r1 + 8); c1_2 = FloatVector.fromArray(S, c, r1 + 16);
            int r2 = cOff + 2 * ldc;
            c2_0 = FloatVector.fromArray(S, c, r2); c2_1 = FloatVector.fromArray(S, c, r2 + 8); c2_2 = FloatVector.fromArray(S, c, r2 + 16);
            int r3 = cOff + 3 * ldc;
            c3_0 = FloatVector.fromArray(S, c, r3); c3_1 = FloatVector.fromArray(S, c, r3 + 8); c3_2 = FloatVector.fromArray(S, c, r3 + 16);
        } else {
            // first k-block: start from the bias row (fused epilogue) or from zero
            FloatVector z0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff);
            FloatVector z1 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + 8);
            FloatVector z2 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + 16);
            c0_0 = z0; c0_1 = z1; c0_2 = z2;
            c1_0 = z0; c1_1 = z1; c1_2 = z2;
            c2_0 = z0; c2_1 = z1; c2_2 = z2;
            c3_0 = z0; c3_1 = z1; c3_2 = z2;
        }
        // k rank-1 updates: C[0..4)[0..24) += a[p][0..4) (outer product) b[p][0..24)
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 8);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 16);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1); c0_2 = a0.fma(b2, c0_2);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1 * KC]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1); c1_2 = a1.fma(b2, c1_2);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2 * KC]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1); c2_2 = a2.fma(b2, c2_2);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3 * KC]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1); c3_2 = a3.fma(b2, c3_2);
        }
        int s0 = cOff;
        c0_0.intoArray(c, s0); c0_1.intoArray(c, s0 + 8); c0_2.intoArray(c, s0 + 16);
        int s1 = cOff + ldc;
        c1_0.intoArray(c, s1); c1_1.intoArray(c, s1 + 8); c1_2.intoArray(c, s1 + 16);
        int s2 = cOff + 2 * ldc;
        c2_0.intoArray(c, s2); c2_1.intoArray(c, s2 + 8); c2_2.intoArray(c, s2 + 16);
        int s3 = cOff + 3 * ldc;
        c3_0.intoArray(c, s3); c3_1.intoArray(c, s3 + 8); c3_2.intoArray(c, s3 + 16);
    }
}
