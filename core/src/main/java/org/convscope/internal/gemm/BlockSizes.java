package org.convscope.internal.gemm;

/**
 * The five blocking parameters of a BLIS-style GEMM. MR×NR is the register tile of the micro-kernel;
 * KC is how much of k one packed micro-panel covers; MC how many rows of A are packed at once; NC
 * how many columns of B are packed at once. The reasons for each value sit beside the constants.
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
     * For 256-bit vectors (AVX2-class machines, which often have a 32 KiB L1d and 256 KiB–1 MiB L2;
     * not tuned by measurement here, the 512-bit path is the one this machine runs).
     * <ul>
     * <li>MR×NR = 6×16: 12 ymm accumulators, see {@link MicroKernel6x16}.</li>
     * <li>KC = 384: A micro-panel (6·384·4 B = 9 KiB) and B micro-panel (384·16·4 B = 24 KiB) both fit a
     *     32 KiB L1d.</li>
     * <li>MC = 144 (24 micro-panels): the packed A block (144·384·4 B = 216 KiB) fits a 256 KiB L2.</li>
     * <li>NC = 3072: B panel of 4.5 MiB in L3, as above.</li>
     * </ul>
     */
    static final BlockSizes AVX2 = new BlockSizes(MicroKernel6x16.MR, MicroKernel6x16.NR, MicroKernel6x16.KC, 144, 3072);
}
