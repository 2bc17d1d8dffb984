package org.convscope.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 512-bit micro-kernel: a 12×32 tile of C held in 24 {@code FloatVector} accumulators (12 rows ×
 * 2 vectors of 16 lanes), updated by k rank-1 updates from a packed 12-row A micro-panel and a packed
 * 32-column B micro-panel.
 *
 * <p>Why 12×32: an FMA has a 4-cycle latency and there are two FMA ports, so at least 8 independent
 * accumulators are needed to keep both busy; 24 leave room to hide the loads. Per k step the kernel
 * loads 2 B vectors and broadcasts 12 A values for 24 FMAs, so reading B does not limit it (kernels
 * with few accumulators, 6×32 or 4×48, fell to about half speed once B left L1). 24 accumulators + 2 B
 * vectors + 1-2 broadcasts fit the 32 zmm registers without spilling. 32 columns divide the channel
 * counts of typical convolutions (32, 64, 128) exactly, where 48 would waste a third of a panel.
 * Measured (see PERF-NOTES / benchmarks/NOTES.md): 12×32 ran at 168–189 GFLOP/s of a 219 peak.
 *
 * <p>A is read from a row-layout micro-panel (see {@link MicroKernel}): row i of the panel starts at
 * {@code aOff + i·KC}, so each of the 12 broadcasts is a memory operand with a constant displacement
 * from one index register.
 *
 * <p>Each accumulator is its own local and both loops over MR and NR are unrolled by hand (this file
 * is written out by a generator; read one row, the rest repeat it). The k loop is not unrolled: that
 * made such kernels slower through register pressure.
 */
final class MicroKernel12x32 extends MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int MR = 12, NR = 32;
    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */
    static final int KC = 768;

    MicroKernel12x32() { super(MR, NR, KC); }

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
        FloatVector c6_0, c6_1;
        FloatVector c7_0, c7_1;
        FloatVector c8_0, c8_1;
        FloatVector c9_0, c9_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        if (load) {
            int r0 = cOff;
            c0_0 = FloatVector.fromArray(S, c, r0); c0_1 = FloatVector.fromArray(S, c, r0 + 16);
            int r1 = cOff + ldc;
            c1_0 = FloatVector.fromArray(S, c, r1); c1_1 = FloatVector.fromArray(S, c, r1 + 16);
            int r2 = cOff + 2 * ldc;
            c2_0 = FloatVector.fromArray(S, c, r2); c2_1 = FloatVector.fromArray(S, c, r2 + 16);
            int r3 = cOff + 3 * ldc;
            c3_0 = FloatVector.fromArray(S, c, r3); c3_1 = FloatVector.fromArray(S, c, r3 + 16);
            int r4 = cOff + 4 * ldc;
            c4_0 = FloatVector.fromArray(S, c, r4); c4_1 = FloatVector.fromArray(S, c, r4 + 16);
            int r5 = cOff + 5 * ldc;
            c5_0 = FloatVector.fromArray(S, c, r5); c5_1 = FloatVector.fromArray(S, c, r5 + 16);
            int r6 = cOff + 6 * ldc;
            c6_0 = FloatVector.fromArray(S, c, r6); c6_1 = FloatVector.fromArray(S, c, r6 + 16);
            int r7 = cOff + 7 * ldc;
            c7_0 = FloatVector.fromArray(S, c, r7); c7_1 = FloatVector.fromArray(S, c, r7 + 16);
            int r8 = cOff + 8 * ldc;
            c8_0 = FloatVector.fromArray(S, c, r8); c8_1 = FloatVector.fromArray(S, c, r8 + 16);
            int r9 = cOff + 9 * ldc;
            c9_0 = FloatVector.fromArray(S, c, r9); c9_1 = FloatVector.fromArray(S, c, r9 + 16);
            int r10 = cOff + 10 * ldc;
            c10_0 = FloatVector.fromArray(S, c, r10); c10_1 = FloatVector.fromArray(S, c, r10 + 16);
            int r11 = cOff + 11 * ldc;
            c11_0 = FloatVector.fromArray(S, c, r11); c11_1 = FloatVector.fromArray(S, c, r11 + 16);
        } else {
            // first k-block: start from the bias row (fused epilogue) or from zero
            FloatVector z0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff);
            FloatVector z1 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff + 16);
            c0_0 = z0; c0_1 = z1;
            c1_0 = z0; c1_1 = z1;
            c2_0 = z0; c2_1 = z1;
            c3_0 = z0; c3_1 = z1;
            c4_0 = z0; c4_1 = z1;
            c5_0 = z0; c5_1 = z1;
            c6_0 = z0; c6_1 = z1;
            c7_0 = z0; c7_1 = z1;
            c8_0 = z0; c8_1 = z1;
            c9_0 = z0; c9_1 = z1;
            c10_0 = z0; c10_1 = z1;
            c11_0 = z0; c11_1 = z1;
        }
        // k rank-1 updates: C[0..12)[0..32) += a[p][0..12) (outer product) b[p][0..32)
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 16);
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
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6 * KC]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7 * KC]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8 * KC]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9 * KC]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10 * KC]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11 * KC]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
        }
        int s0 = cOff;
        c0_0.intoArray(c, s0); c0_1.intoArray(c, s0 + 16);
        int s1 = cOff + ldc;
        c1_0.intoArray(c, s1); c1_1.intoArray(c, s1 + 16);
        int s2 = cOff + 2 * ldc;
        c2_0.intoArray(c, s2); c2_1.intoArray(c, s2 + 16);
        int s3 = cOff + 3 * ldc;
        c3_0.intoArray(c, s3); c3_1.intoArray(c, s3 + 16);
        int s4 = cOff + 4 * ldc;
        c4_0.intoArray(c, s4); c4_1.intoArray(c, s4 + 16);
        int s5 = cOff + 5 * ldc;
        c5_0.intoArray(c, s5); c5_1.intoArray(c, s5 + 16);
        int s6 = cOff + 6 * ldc;
        c6_0.intoArray(c, s6); c6_1.intoArray(c, s6 + 16);
        int s7 = cOff + 7 * ldc;
        c7_0.intoArray(c, s7); c7_1.intoArray(c, s7 + 16);
        int s8 = cOff + 8 * ldc;
        c8_0.intoArray(c, s8); c8_1.intoArray(c, s8 + 16);
        int s9 = cOff + 9 * ldc;
        c9_0.intoArray(c, s9); c9_1.intoArray(c, s9 + 16);
        int s10 = cOff + 10 * ldc;
        c10_0.intoArray(c, s10); c10_1.intoArray(c, s10 + 16);
        int s11 = cOff + 11 * ldc;
        c11_0.intoArray(c, s11); c11_1.intoArray(c, s11 + 16);
    }
}
