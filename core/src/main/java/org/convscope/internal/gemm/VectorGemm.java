package org.convscope.internal.gemm;

import java.util.Arrays;

/**
 * The fast SGEMM: BLIS's five loops around a {@code jdk.incubator.vector} micro-kernel, with packed
 * operands and the loops that can run in parallel spread over {@link GemmPool}.
 *
 * <pre>
 * for jc in 0..n step NC            loop 5 (JC): a column panel of B and C
 *   for pc in 0..k step KC          loop 4 (PC): a k-block; pack B[pc:+KC, jc:+NC]   -- never parallel:
 *                                                 every k-block adds into the same C
 *     for ic in 0..m step MC        loop 3 (IC): pack A[ic:+MC, pc:+KC]              -- parallel
 *       for jr in 0..NC step NR     loop 2 (JR): one B micro-panel   \  the macro-kernel
 *         for ir in 0..MC step MR   loop 1 (IR): one A micro-panel   /  ({@link MacroKernel})
 *           C[ir:+MR, jr:+NR] (+)= Apanel . Bpanel          the micro-kernel ({@link MicroKernel})
 * </pre>
 *
 * <p>Two schedules, two loop nests, sharing the macro-kernel (each method's javadoc draws it):
 * <ul>
 * <li><b>B packed whole</b> ({@link #wholeB}) — when B is a {@link PackedMatrixB} of the kernel's NR
 *     (weights packed once at load), or small enough to pack whole up front ({@value #WHOLE_B_LIMIT}
 *     floats, e.g. every convolution of a VGG-style net). Order IC → PC → JR → IR: one parallel-for
 *     over (IC block × column chunk) tasks, each walking the k-blocks itself, so the only
 *     synchronisation is the end of the call. No JC loop: B is already packed, whole.</li>
 * <li><b>BLIS panels</b> ({@link #panels}) — otherwise: JC → PC → IC → JR → IR; for each (JC, PC)
 *     the threads pack the KC×NC panel of B together, then share the IC blocks; B stays packed once
 *     per panel for all of them.</li>
 * </ul>
 * The first k-block overwrites C (starting from the bias row when a bias epilogue is fused), the
 * others add to it; the {@link Epilogue} runs on each block of C right after its last k-block,
 * while the block is still in cache. Both orders add a C element's k-blocks in the same order (pc
 * ascending), with the same KC split, so they give the same bits.
 *
 * <p>The kernels and block sizes per vector width are {@link BlockSizes}' kernel table. Narrow
 * products: at 512 bits, a B of at most {@value #NARROW_N} columns (a convolution to 7 classes)
 * runs the 12×16 kernel ({@link MicroKernel12x16}) instead of 12×32; at 256 bits a B of 17 to
 * {@value #NARROW_N_256} columns (a 1×1 convolution to 24 channels) runs 4×24
 * ({@link MicroKernel4x24}) instead of 6×16; B is then packed in panels of the narrow kernel's
 * width ({@link #prepackForManyRows} packs them so), so that less of each panel is padding. A
 * narrow kernel shares the wide one's KC (the A row stride), not necessarily its MR: each loop nest
 * takes MR and MC from the kernel it runs.
 *
 * <p>A warm call allocates only the few small objects of its parallel-for: packing buffers live in
 * per-thread {@link Workspace}s.
 */
public final class VectorGemm implements Gemm {
    /** Pack B whole (one schedule, no per-k-block synchronisation) when it has at most this many floats (4 MiB). */
    static final int WHOLE_B_LIMIT = 1 << 20;
    /** With several threads, aim for at least this many IC blocks per thread so the dynamic hand-out can even out slow cores. */
    private static final int BLOCKS_PER_THREAD = 3;
    /** At 512 bits, products with at most this many columns use the narrow kernel (12×16). */
    static final int NARROW_N = 16;
    /** At 256 bits, products with more than 16 and at most this many columns use the narrow kernel (4×24). */
    static final int NARROW_N_256 = 24;
    /** ... and at least this many rows (4 micro-panels): on fewer the narrow kernel gains little and stays cold in the JIT. */
    static final int NARROW_MIN_M = 48;

    private final int bits;
    private final int threads;
    private final BlockSizes bs;
    private final MicroKernel kernel;
    private final MicroKernel narrow;           // 12×16 at 512 bits, 4×24 at 256 bits (null: none)
    private final BlockSizes narrowBs;
    private final int narrowMinN, narrowMaxN;  // the narrow kernel's columns: (narrowMinN, narrowMaxN]
    private final int mr, nr;
    private volatile Gemm singleThreaded;      // made on first use (a benign race: any copy is equivalent)

    /**
     * A GEMM on {@code vectorBits}-bit vectors (256 or 512) using up to {@code threads} threads.
     * Needs the {@code jdk.incubator.vector} module; {@link Gemms} checks that before creating one.
     *
     * @param threads the most threads one multiplication uses (the caller included)
     * @param vectorBits 256 or 512
     */
    public VectorGemm(int vectorBits, int threads) {
        this(vectorBits, threads, switch (vectorBits) {
            case 512 -> BlockSizes.AVX512;
            case 256 -> BlockSizes.AVX2;
            default -> throw new IllegalArgumentException("VectorGemm: vector size must be 256 or 512 bits, got " + vectorBits);
        }, vectorBits == 512 ? new MicroKernel12x32() : new MicroKernel6x16(),
                vectorBits == 512 ? BlockSizes.AVX512_NARROW : BlockSizes.AVX2_NARROW,
                vectorBits == 512 ? new MicroKernel12x16() : new MicroKernel4x24());
    }

    /**
     * A GEMM with the given kernels (the rows of {@link BlockSizes}' table; other shapes for
     * measurements). The narrow kernel, if any, must share the wide one's A row stride (KC); it runs
     * the products whose columns it pads less than the wide one does: at most
     * {@value #NARROW_N} columns at 512 bits (16 against 32), 17 to {@value #NARROW_N_256} at 256
     * bits (24 against 32).
     */
    VectorGemm(int vectorBits, int threads, BlockSizes bs, MicroKernel kernel, BlockSizes narrowBs, MicroKernel narrow) {
        if (threads < 1) throw new IllegalArgumentException("VectorGemm: threads must be >= 1, got " + threads);
        if (bs.mr() != kernel.mr || bs.nr() != kernel.nr || bs.kc() != kernel.aStride) {
            throw new IllegalArgumentException("VectorGemm: block sizes " + bs + " do not fit kernel " + kernel.mr + "x" + kernel.nr);
        }
        if (narrow != null && (narrow.aStride != kernel.aStride || narrowBs.nr() != narrow.nr || narrowBs.mr() != narrow.mr
                || narrowBs.kc() != bs.kc())) {
            throw new IllegalArgumentException("VectorGemm: the narrow kernel must share KC with the wide one");
        }
        this.bits = vectorBits;
        this.threads = threads;
        this.bs = bs;
        this.kernel = kernel;
        this.narrowBs = narrowBs;
        this.narrow = narrow;
        this.narrowMaxN = narrow == null ? 0 : narrow.nr < kernel.nr ? narrow.nr : NARROW_N_256;
        this.narrowMinN = narrow == null || narrow.nr < kernel.nr ? 0 : kernel.nr;
        this.mr = bs.mr();
        this.nr = bs.nr();
    }

    /**
     * The vector size in bits (256 or 512).
     * @return the vector size in bits
     */
    public int vectorBits() { return bits; }

    /**
     * The most threads one multiplication uses, the calling thread included.
     * @return the thread count
     */
    @Override
    public int threads() { return threads; }

    @Override
    public Gemm singleThreaded() {
        Gemm one = singleThreaded;
        if (one == null) singleThreaded = one = threads == 1 ? this : new VectorGemm(bits, 1, bs, kernel, narrowBs, narrow);
        return one;
    }

    @Override
    public String name() { return "vector" + bits + "-" + mr + "x" + nr + "-t" + threads; }

    @Override
    public String microKernel(int n) {
        MicroKernel k = kernelFor(n, Integer.MAX_VALUE);
        return k.mr + "x" + k.nr;
    }

    @Override
    public int mr() { return mr; }

    @Override
    public MatrixB prepack(MatrixB b) { return PackedMatrixB.pack(b, nr); }

    @Override
    public MatrixB prepackForManyRows(MatrixB b) { return PackedMatrixB.pack(b, kernelFor(b.cols(), Integer.MAX_VALUE).nr); }

    /**
     * The kernel for a product of {@code m} rows and {@code n} columns: the narrow one where there
     * is one, for n in its range (≤ {@value #NARROW_N} at 512 bits, 17–{@value #NARROW_N_256} at 256)
     * and at least {@value #NARROW_MIN_M} rows.
     */
    private MicroKernel kernelFor(int n, int m) {
        return narrow != null && n > narrowMinN && n <= narrowMaxN && m >= NARROW_MIN_M ? narrow : kernel;
    }

    /** The block sizes of {@code kern} (one of this GEMM's two kernels). */
    private BlockSizes blocks(MicroKernel kern) { return kern == narrow ? narrowBs : bs; }

    @Override
    public void multiply(int m, int n, int k, MatrixA a, MatrixB b, float[] c, int cOff, int ldc, Epilogue epilogue) {
        GemmChecks.check(m, n, k, a, b, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            epilogue.apply(c, cOff, ldc, 0, m, 0, n);
            return;
        }
        int kcStep = ceilDiv(k, ceilDiv(k, bs.kc()));   // equal k-blocks: k = 1152 gives 2×576, not 768 + 384
        // A bias epilogue is fused: the first k-block starts from the bias row, only the activation runs after.
        // a packed B: the narrow kernel if it was packed for it, else the wide one (which repacks a
        // foreign width); an unpacked B: the narrow kernel when it suits and B is small enough to
        // pack whole (else the BLIS panels, which the wide kernel runs)
        MicroKernel kern = b instanceof PackedMatrixB p ? (narrow != null && p.nr() == narrow.nr ? narrow : kernel) : kernelFor(n, m);
        if (kern != kernel && !(b instanceof PackedMatrixB) && (long) k * roundUp(n, kern.nr) > WHOLE_B_LIMIT) kern = kernel;
        float[] bias = null;
        if (epilogue instanceof BiasActivation ba && ba.bias() != null && ba.bias().length >= n) {
            bias = Workspace.get().bias(roundUp(n, kern.nr));   // padded to whole panels, so edge tiles can read NR values
            System.arraycopy(ba.bias(), 0, bias, 0, n);
            Arrays.fill(bias, n, roundUp(n, kern.nr), 0f);
            epilogue = ba.activationOnly();
        }
        if (b instanceof PackedMatrixB p && p.nr() == kern.nr) {
            wholeB(kern, m, n, k, kcStep, a, p.data(), c, cOff, ldc, bias, epilogue);
        } else if ((long) k * roundUp(n, kern.nr) <= WHOLE_B_LIMIT) {
            float[] packed = Workspace.get().b(k * roundUp(n, kern.nr));
            packWholeB(kern.nr, k, n, b, packed);
            wholeB(kern, m, n, k, kcStep, a, packed, c, cOff, ldc, bias, epilogue);
        } else {
            panels(m, n, k, kcStep, a, b, c, cOff, ldc, bias, epilogue);
        }
    }

    /** Packs all of B, panel by panel, in the {@link PackedMatrixB} layout (panel s at s·k·nr). */
    private void packWholeB(int nr, int k, int n, MatrixB b, float[] dst) {
        int panels = ceilDiv(n, nr);
        int groups = Math.min(panels, threads);
        int perGroup = ceilDiv(panels, groups);
        GemmPool.parallelFor(threads, ceilDiv(panels, perGroup), g -> {
            for (int s = g * perGroup; s < Math.min(panels, (g + 1) * perGroup); s++) {
                b.packB(0, k, s * nr, Math.min(nr, n - s * nr), nr, dst, s * k * nr);
            }
        });
    }

    /**
     * Loop nest 1, B packed whole in {@code bp} (panel s of all k rows at s·k·NR): the order is
     * IC → PC → JR → IR. Tasks are (IC block × column chunk), handed out dynamically to the threads;
     * each packs its A block for every k-block in turn and runs the macro-kernel on the matching
     * k-slice of its chunk of B's panels, then the epilogue on its finished block of C.
     *
     * <pre>
     *  parallel for t in tasks:                          loop 3 (IC) x column chunks: no barrier
     *    ic = (t / chunks)*MC,  j0 = (t % chunks)*NCT    (NCT = n, or n/threads when m is small)
     *    for pc in 0..k step KC                          loop 4 (PC), inside the task
     *      pack A[ic:+MC, pc:+KC] -&gt; ap                  (row layout, this thread's buffer)
     *      for jr in j0..j0+NCT step NR                  loop 2 (JR) \  MacroKernel.run
     *        for ir in 0..MC step MR                     loop 1 (IR) /
     *          C[ic+ir:+MR, jr:+NR] (+)= ap[ir] . B[pc:+KC, panel jr/NR]
     *    epilogue(C[ic:+MC, j0:+NCT])
     *
     *                        B, packed whole once (panels of NR columns, all k rows each)
     *                          j0          j0+NCT
     *                   +----+----+----+----+----+
     *              pc ->|    |####|####|    |    |  k-slice pc:+KC of the task's panels
     *                   |    |    |    |    |    |  (panel stride k*NR: slice at s*k*NR + pc*NR)
     *                   +----+----+----+----+----+
     *     A  pc                    C
     *   +---+---+---+        +----+----+----+----+----+
     *   |   |   |   |        |    |    |    |    |    |
     *   +---+---+---+  ic -&gt; +----+----+----+----+----+
     *   |   |###|   |  --&gt;   |    |####|####|    |    |  task (ic, j0): its MC x NCT block of C,
     *   +---+---+---+        +----+----+----+----+----+  every k-block added by the same thread
     *   |   |   |   |        |    |    |    |    |    |
     *   +---+---+---+        +----+----+----+----+----+
     * </pre>
     */
    private void wholeB(MicroKernel kern, int m, int n, int k, int kcStep, MatrixA a, float[] bp, float[] c, int cOff, int ldc,
                        float[] bias, Epilogue epilogue) {
        BlockSizes kb = blocks(kern);
        int mcStep = mcStep(m, kb);
        int icBlocks = ceilDiv(m, mcStep);
        int ncStep = ncStep(n, icBlocks, kern.nr);
        int chunks = ceilDiv(n, ncStep);
        int tasks = icBlocks * chunks;
        if (threads == 1 || tasks == 1) {
            // no lambda: the many small single-threaded GEMMs inside Winograd would each allocate one
            for (int t = 0; t < tasks; t++) wholeBTask(kern, kb, t, m, n, k, kcStep, a, bp, c, cOff, ldc, bias, epilogue, mcStep, ncStep, chunks);
            return;
        }
        GemmPool.parallelFor(threads, tasks,
                t -> wholeBTask(kern, kb, t, m, n, k, kcStep, a, bp, c, cOff, ldc, bias, epilogue, mcStep, ncStep, chunks));
    }

    /** One (IC block, column chunk) task of {@link #wholeB}. */
    private void wholeBTask(MicroKernel kern, BlockSizes kb, int t, int m, int n, int k, int kcStep, MatrixA a, float[] bp, float[] c,
                            int cOff, int ldc, float[] bias, Epilogue epilogue, int mcStep, int ncStep, int chunks) {
        int nr = kern.nr, panelStride = k * nr;
        int ic = (t / chunks) * mcStep, mc = Math.min(mcStep, m - ic);
        int j0 = (t % chunks) * ncStep, nc = Math.min(ncStep, n - j0);
        Workspace ws = Workspace.get();
        float[] ap = aBuffer(ws, kb, mc);
        float[] tile = ws.tile(kb.mr() * nr);
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            packA(a, kb, ic, mc, pc, kc, ap);
            MacroKernel.run(kern, kc, ap, mc, bp, (j0 / nr) * panelStride + pc * nr, panelStride,
                    c, cOff + ic * ldc + j0, ldc, nc, pc > 0, bias, j0, tile);
        }
        epilogue.apply(c, cOff, ldc, ic, mc, j0, nc);
    }

    /**
     * Loop nest 2, BLIS's panels, for a B too large to pack whole: the order is
     * JC → PC → IC → JR → IR. For each (JC, PC) the threads first pack the KC×NC panel of B together
     * (a barrier), then share the (IC block × column chunk) tasks (another barrier); the epilogue
     * runs with the last k-block.
     *
     * <pre>
     *  for jc in 0..n step NC                            loop 5 (JC)
     *    for pc in 0..k step KC                          loop 4 (PC)
     *      parallel: pack B[pc:+KC, jc:+NC] -&gt; bp        (NR-wide panels of KC rows)     barrier
     *      parallel for (ic, j0) in IC blocks x chunks:  loop 3 (IC)
     *        pack A[ic:+MC, pc:+KC] -&gt; ap
     *        for jr in j0..j0+NCT step NR                loop 2 (JR) \  MacroKernel.run
     *          for ir in 0..MC step MR                   loop 1 (IR) /
     *            C[ic+ir:+MR, jc+jr:+NR] (+)= ap[ir] . bp[jr/NR]
     *        if last k-block: epilogue(C[ic:+MC, jc+j0:+NCT])                           barrier
     *
     *                    jc        jc+NC
     *           B   +----+---------+----+
     *          pc ->|    |#########|    |  one KC x NC panel, packed once, shared by all IC blocks
     *               +----+---------+----+
     *     A  pc              C
     *   +---+---+      +----+---------+----+
     *   |   |###|  ic  |    |#########|    |  each IC block: MC x NC of C, all threads in turn
     *   |   |###|      |    |#########|    |
     *   +---+---+      +----+---------+----+
     * </pre>
     */
    private void panels(int m, int n, int k, int kcStep, MatrixA a, MatrixB b, float[] c, int cOff, int ldc,
                        float[] bias, Epilogue epilogue) {
        int ncMax = roundUp(ceilDiv(n, ceilDiv(n, bs.nc())), nr);   // equal JC panels, multiples of NR
        float[] bp = Workspace.get().b(kcStep * ncMax);
        int mcStep = mcStep(m, bs);
        int icBlocks = ceilDiv(m, mcStep);
        for (int jc = 0; jc < n; jc += ncMax) {
            final int jcF = jc, nc = Math.min(ncMax, n - jc);
            int ncStep = ncStep(nc, icBlocks, nr);
            int chunks = ceilDiv(nc, ncStep);
            for (int pc = 0; pc < k; pc += kcStep) {
                final int pcF = pc, kc = Math.min(kcStep, k - pc);
                final boolean first = pc == 0, last = pc + kc == k;
                // pack B[pc:+kc, jc:+nc] as ceil(nc/NR) panels of kc×NR, split between the threads
                int panels = ceilDiv(nc, nr), perGroup = ceilDiv(panels, Math.min(panels, threads));
                GemmPool.parallelFor(threads, ceilDiv(panels, perGroup), g -> {
                    int s0 = g * perGroup, s1 = Math.min(panels, s0 + perGroup);
                    b.packB(pcF, kc, jcF + s0 * nr, Math.min((s1 - s0) * nr, nc - s0 * nr), nr, bp, s0 * kc * nr);
                });
                GemmPool.parallelFor(threads, icBlocks * chunks, t -> {
                    int ic = (t / chunks) * mcStep, mc = Math.min(mcStep, m - ic);
                    int j0 = (t % chunks) * ncStep, ncT = Math.min(ncStep, nc - j0);
                    Workspace ws = Workspace.get();
                    float[] ap = aBuffer(ws, bs, mc);
                    packA(a, bs, ic, mc, pcF, kc, ap);
                    MacroKernel.run(kernel, kc, ap, mc, bp, (j0 / nr) * kc * nr, kc * nr,
                            c, cOff + ic * ldc + jcF + j0, ldc, ncT, !first, bias, jcF + j0, tile(ws));
                    if (last) epilogue.apply(c, cOff, ldc, ic, mc, jcF + j0, ncT);
                });
            }
        }
    }

    private float[] tile(Workspace ws) { return ws.tile(mr * nr); }

    /** The thread's A buffer, room for ceil(mc/MR)·MR rows of stride KC. */
    private static float[] aBuffer(Workspace ws, BlockSizes kb, int mc) { return ws.a(roundUp(mc, kb.mr()) * kb.kc()); }

    /**
     * Packs A[ic:+mc, pc:+kc] in the kernel's row layout (row r at r·KC) and zeroes the rows that
     * pad the last micro-panel to MR, so an edge panel computes on zeros rather than stale values.
     */
    private static void packA(MatrixA a, BlockSizes kb, int ic, int mc, int pc, int kc, float[] ap) {
        int stride = kb.kc();
        a.packRows(ic, mc, pc, kc, ap, 0, stride);
        for (int r = mc; r < roundUp(mc, kb.mr()); r++) Arrays.fill(ap, r * stride, r * stride + kc, 0f);
    }

    /**
     * Rows per IC block: at most MC, equal blocks, and with several threads enough blocks to share
     * evenly. With several threads the block height (a whole number of micro-panels) is the one
     * whose blocks, handed out round the threads, give the busiest thread the fewest rows, the
     * block count closest to {@value #BLOCKS_PER_THREAD} per thread breaking ties: m = 225 on two
     * threads was cut into 5 blocks of 48 rows (one thread got 3 blocks, 144 rows, the other 96);
     * now 4 blocks of 60 (120 and 105).
     */
    private int mcStep(int m, BlockSizes kb) {
        int mr = kb.mr();
        int blocks = ceilDiv(m, kb.mc());
        if (threads == 1) return roundUp(ceilDiv(m, blocks), mr);
        int panels = ceilDiv(m, mr), most = kb.mc() / mr, target = BLOCKS_PER_THREAD * threads;
        int best = 1;
        long bestLoad = Long.MAX_VALUE;
        int bestGap = Integer.MAX_VALUE;
        for (int per = 1; per <= Math.min(most, panels); per++) {
            int count = ceilDiv(panels, per);
            long load = (long) ceilDiv(count, threads) * per;           // panels of the busiest thread
            int gap = Math.abs(count - target);
            if (load < bestLoad || load == bestLoad && gap < bestGap) {
                best = per;
                bestLoad = load;
                bestGap = gap;
            }
        }
        return best * mr;
    }

    /**
     * Columns per task: at most NC; when there are fewer IC blocks than threads (m small, e.g. a
     * dense layer on one image), the columns are split too (parallel JR loop).
     */
    private int ncStep(int n, int icBlocks, int nr) {
        int chunks = ceilDiv(n, bs.nc());
        if (icBlocks < threads) chunks = Math.max(chunks, Math.min(ceilDiv(n, nr), ceilDiv(threads, icBlocks)));
        return roundUp(ceilDiv(n, chunks), nr);
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    private static int roundUp(int x, int to) { return ceilDiv(x, to) * to; }
}
