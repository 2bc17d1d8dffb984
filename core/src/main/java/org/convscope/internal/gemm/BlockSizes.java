package org.convscope.internal.gemm;

/**
 * The five blocking parameters of a BLIS-style GEMM, and the kernel table: one row per vector width.
 * MR×NR is the register tile of the micro-kernel; KC is how much of k one packed micro-panel covers
 * (loop 4, PC); MC how many rows of A are packed at once (loop 3, IC); NC how many columns of B are
 * packed at once (loop 5, JC; only the BLIS-panel schedule of {@link VectorGemm} uses it).
 *
 * <table>
 * <caption>The kernel table (every GEMM of the engine; the reasons are on each constant below)</caption>
 * <tr><th>width</th><th>kernel MR×NR</th><th>accumulators</th><th>KC</th><th>MC</th><th>NC</th><th>class</th></tr>
 * <tr><td>512</td><td>12×32</td><td>24 zmm</td><td>768</td><td>120</td><td>3072</td><td>{@link MicroKernel12x32} ({@link #AVX512})</td></tr>
 * <tr><td>512, n ≤ 16</td><td>12×16</td><td>12 zmm</td><td>768</td><td>120</td><td>3072</td><td>{@link MicroKernel12x16} ({@link #AVX512_NARROW})</td></tr>
 * <tr><td>256</td><td>6×16</td><td>12 ymm</td><td>384</td><td>144</td><td>3072</td><td>{@link MicroKernel6x16} ({@link #AVX2})</td></tr>
 * <tr><td>256, 17 ≤ n ≤ 24</td><td>4×24</td><td>12 ymm</td><td>384</td><td>144</td><td>3072</td><td>{@link MicroKernel4x24} ({@link #AVX2_NARROW})</td></tr>
 * <tr><td>scalar</td><td>4×8</td><td>32 floats</td><td>256</td><td>128</td><td>1024</td><td>{@link BlockedGemm} ({@link #SCALAR})</td></tr>
 * </table>
 *
 * <p>KC of a vector kernel is also its A row stride (the kernel's {@code KC} constant): a packed A
 * micro-panel's row i starts at i·KC. The micro-kernel sources are written by the generator
 * {@code MicroKernelSource} (core's tests), which a test keeps in step with the committed files.
 *
 * @param mr rows of the register tile
 * @param nr columns of the register tile
 * @param kc depth of one k-block (loop 4, PC)
 * @param mc rows of one packed block of A (loop 3, IC); a multiple of mr
 * @param nc columns of one packed panel of B (loop 5, JC); a multiple of nr
 */
record BlockSizes(int mr, int nr, int kc, int mc, int nc) {
    BlockSizes {
        if (mc % mr != 0 || nc % nr != 0) throw new IllegalArgumentException("MC must be a multiple of MR and NC of NR: " + this);
    }

    /**
     * For 512-bit vectors (AVX-512; measured on a Sapphire-Rapids-class Xeon: L1d 48 KiB, L2 2 MiB per
     * core, a large shared L3).
     * <ul>
     * <li>MR×NR = 12×32: 24 zmm accumulators, see {@link MicroKernel12x32}.</li>
     * <li>KC = 768 (the kernel's A row stride, {@code MicroKernel12x32.KC}): the A micro-panel
     *     (12·768·4 B = 36 KiB) stays in L1 while the B micro-panel
     *     (768·32·4 B = 96 KiB) streams from L2. A long KC amortises loading and storing the C tile
     *     (48 vector loads/stores) over 768·24 FMAs. Measured: KC = 256 kept only 112–125 GFLOP/s,
     *     KC = 768–1024 reached 145–147 at n = 2048 (PERF-NOTES).</li>
     * <li>MC = 120 (10 micro-panels): the packed A block (120·768·4 B = 360 KiB) plus the B
     *     micro-panel sit comfortably in the 2 MiB L2. Measured best between 120 and 240; the smaller
     *     end also gives more IC blocks to share between threads.</li>
     * <li>NC = 3072: the packed B panel (768·3072·4 B = 9 MiB) lives in the shared L3; A is repacked
     *     once per NC columns, i.e. once per 2·3072 flops per packed value, which makes packing A
     *     negligible.</li>
     * </ul>
     */
    static final BlockSizes AVX512 = new BlockSizes(MicroKernel12x32.MR, MicroKernel12x32.NR, MicroKernel12x32.KC, 120, 3072);

    /**
     * For 512-bit vectors and products at most {@link VectorGemm#NARROW_N} columns wide on at least
     * {@link VectorGemm#NARROW_MIN_M} rows: the 12×16 kernel ({@link MicroKernel12x16}), whose panel
     * wastes less on 7 columns than a 32-wide one (conv to 7 classes 80 → 51 µs, round 3). Same
     * MR, KC and MC as {@link #AVX512}, so both share the A packing.
     */
    static final BlockSizes AVX512_NARROW = new BlockSizes(MicroKernel12x16.MR, MicroKernel12x16.NR, MicroKernel12x16.KC, 120, 3072);

    /**
     * For 256-bit vectors (AVX2-class machines, which often have a 32 KiB L1d and 256 KiB–1 MiB L2).
     * Measured in round 4 on a forced 256-bit path of a Zen 5 (AVX-512) host, one thread
     * (benchmarks/NOTES.md); no real AVX2 host was at hand, so register pressure was judged for
     * AVX2's 16 ymm registers rather than measured.
     * <ul>
     * <li>MR×NR = 6×16: 12 ymm accumulators, see {@link MicroKernel6x16}. Of 6×16, 4×24, 5×16, 8×8,
     *     4×16, 2×32 (which fit 16 registers) it was the best or tied (85–91 GFLOP/s on 512³–1024³,
     *     89 on a 64 → 64 3×3 conv); 3×32 and 8×16 were within 5% of it but need 17 and 19
     *     registers.</li>
     * <li>KC = 384: A micro-panel (6·384·4 B = 9 KiB) and B micro-panel (384·16·4 B = 24 KiB) both fit a
     *     32 KiB L1d. KC = 256, 512 and 768 measured the same within noise.</li>
     * <li>MC = 144 (24 micro-panels): the packed A block (144·384·4 B = 216 KiB) fits a 256 KiB L2.
     *     MC = 72 and 288 measured the same within noise.</li>
     * <li>NC = 3072: B panel of 4.5 MiB in L3, as above.</li>
     * </ul>
     */
    static final BlockSizes AVX2 = new BlockSizes(MicroKernel6x16.MR, MicroKernel6x16.NR, MicroKernel6x16.KC, 144, 3072);

    /**
     * For 256-bit vectors and products of 17 to {@link VectorGemm#NARROW_N_256} columns on at least
     * {@link VectorGemm#NARROW_MIN_M} rows: the 4×24 kernel ({@link MicroKernel4x24}), one 24-wide
     * panel where 6×16 computes two 16-wide ones (8 of 32 columns padding). Same KC as {@link #AVX2}
     * (A packing shared, 4-row micro-panels), same MC.
     */
    static final BlockSizes AVX2_NARROW = new BlockSizes(MicroKernel4x24.MR, MicroKernel4x24.NR, MicroKernel4x24.KC, 144, 3072);

    /**
     * The scalar fallback ({@link BlockedGemm}, {@code vector=off} or no Vector API): a 4×8 tile of
     * plain float accumulators, which C2 keeps in registers; KC = 256, MC = 128 (A block 128 KiB),
     * NC = 1024 (B panel 1 MiB). Correctness first: it is the path of hosts without vectors, not a
     * tuned one.
     */
    static final BlockSizes SCALAR = new BlockSizes(BlockedGemm.MR, BlockedGemm.NR, BlockedGemm.KC, BlockedGemm.MC, BlockedGemm.NC);
}
