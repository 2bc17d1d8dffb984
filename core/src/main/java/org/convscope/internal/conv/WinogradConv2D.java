package org.convscope.internal.conv;

import org.convscope.activation.ElementwiseActivation;
import org.convscope.geometry.ConvGeometry;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.internal.gemm.MatrixB;
import org.convscope.tensor.Tensor;

/**
 * A 3x3, stride-1, dilation-1, one-group Conv2D by Winograd's F(2x2, 3x3) or F(4x4, 3x3) (the
 * maths is in {@link WinogradF2x3} and {@link WinogradF4x3}; when and which one: {@link ConvPlanner}): the
 * output is cut into m×m tiles (m = 2 or 4), each read from an (m+2)×(m+2) input tile, and the
 * tiles are processed in blocks of at most {@link #TILE_BLOCK}:
 * <pre>
 *   for each block of tiles (in parallel over the engine's threads):
 *     V_ξ[block × cin]  = input transform of each tile, read straight from NHWC (zeros outside the image)
 *     M_ξ[block × cout] = V_ξ · U_ξ          for ξ = 0..(m+2)²−1, on the fast GEMM (one thread)
 *     out tiles         = output transform of M, + bias, activation, written straight to NHWC
 * </pre>
 * The kernel's transform {@code U_ξ} is computed once here and packed for the GEMM
 * ({@link Gemm#prepackForManyRows}). A block's V and M ((m+2)²·block·(cin + cout) floats, at most
 * three quarters of the core's L2, the engine's L2 size, as far as the tile count allows: with
 * F(4x4, 3x3) at 128 → 128 channels U alone is 2.25 MiB and blocks shrink to {@code MR} tiles)
 * stay in that cache between the three steps, so the only traffic to
 * memory is reading the input once and writing the output once; the workspace is per thread and
 * reused, {@code O(threads · block · (cin + cout))}, never the size of the image.
 *
 * <p>Immutable and thread-safe.
 */
final class WinogradConv2D {
    /**
     * Most tiles per block: the rows of each of the (m+2)² small GEMMs. Large enough that a GEMM call's
     * fixed costs are spread over many rows (a multiple of the 512-bit kernel's 12 rows), small
     * enough that a block's V and M plus the (m+2)² transformed kernels U, which every block reads, stay
     * in the core's L2 cache ({@code l2Budget}): see {@link #tilesPerBlock}.
     */
    static final int TILE_BLOCK = 96;
    /**
     * Floats of L2 a block may fill with V, M and U ({@code l2Budget}): three quarters of the core's L2
     * (the engine's {@code l2KiB}; 1.5 MiB of a Xeon's 2 MiB, 768 KiB of a Zen 4's 1 MiB), the rest for the
     * GEMM's packed A.
     */
    private final int l2Budget;
    private final boolean vector;       // the tile transforms' Vector API loops
    private final int mr;               // the GEMM's micro-kernel rows: blocks are a multiple of them
    /** Floats (one 64-byte cache line) added to the distance between the (m+2)² V and M matrices of a block. */
    private static final int STRIDE_PAD = 16;

    private final WinogradTransform tf;  // F(2x2, 3x3) or F(4x4, 3x3)
    private final int cin, cout;
    private final MatrixB[] u;          // U_ξ as [cin × cout], prepacked for the engine's GEMM
    private final float[] bias;         // cout values (zeros without a bias)
    private final ElementwiseActivation act;    // applied to each finished tile, unless fused
    private final boolean relu;                 // plain relu, fused into the output transform

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * @param kernel {@code (3, 3, cin, cout)}
     * @param bias   {@code (cout)} or null
     * @param act    an elementwise activation fused into the output transform, or null
     * @param gemm   the GEMM whose packing the transformed kernel is prepared for (its MR sizes the blocks)
     * @param tf     F(2x2, 3x3) or F(4x4, 3x3)
     * @param l2Bytes the core's L2 cache in bytes (sizes the blocks)
     * @param vector whether the tile transforms run their Vector API loops
     */
    WinogradConv2D(Tensor kernel, Tensor bias, ElementwiseActivation act, Gemm gemm, WinogradTransform tf, long l2Bytes,
                   boolean vector) {
        this.tf = tf;
        this.l2Budget = (int) Math.min(1 << 24, l2Bytes / 4 * 3 / 4);
        this.mr = gemm.mr();
        this.vector = vector;
        if (kernel.dim(0) != 3 || kernel.dim(1) != 3) throw new IllegalArgumentException("Winograd F(m x m, 3x3) needs a 3x3 kernel");
        this.cin = kernel.dim(2);
        this.cout = kernel.dim(3);
        float[][] transformed = tf.transformKernel(kernel.data(), cin, cout);
        this.u = new MatrixB[tf.positions()];
        for (int xi = 0; xi < u.length; xi++) u[xi] = gemm.prepackForManyRows(DenseMatrix.of(transformed[xi], cin, cout));
        this.bias = bias == null ? new float[cout] : bias.data().clone();
        this.relu = FusedActivation.isPlainRelu(act);
        this.act = relu ? null : act;
    }

    /** {@return the algorithm, F(2x2, 3x3) or F(4x4, 3x3)} */
    WinogradTransform transform() { return tf; }

    /** Whether F(2x2, 3x3) computes this convolution: a 3x3 kernel, strides 1, dilation 1, one group. */
    static boolean applies(int kh, int kw, int[] strides, int[] dilation, int groups) {
        return kh == 3 && kw == 3 && strides[0] == 1 && strides[1] == 1 && dilation[0] == 1 && dilation[1] == 1
                && groups == 1;
    }

    /**
     * Writes the convolution of the NHWC input {@code x} (geometry {@code geo}, which must satisfy
     * {@link #applies}) to {@code y}, the NHWC output, every value of which is written.
     *
     * @param gemm the engine's GEMM: its thread count sets the parallelism, and its one-thread
     *             version runs the small GEMMs inside each task
     */
    void forward(float[] x, ConvGeometry geo, float[] y, Gemm gemm) {
        int t = tf.outputTile();
        int tilesH = (geo.outH() + t - 1) / t, tilesW = (geo.outW() + t - 1) / t;
        int tiles = Math.multiplyExact(Math.multiplyExact(geo.batch(), tilesH), tilesW);
        if (tiles == 0) return;                                  // an empty batch
        int threads = gemm.threads();
        int perBlock = tilesPerBlock(tiles, threads);
        int blocks = ceilDiv(tiles, perBlock);
        Gemm one = gemm.singleThreaded();
        Gemms.parallelFor(threads, blocks, blk -> {
            int t0 = blk * perBlock;
            block(x, geo, y, one, t0, Math.min(perBlock, tiles - t0), tilesH, tilesW);
        });
    }

    /** The three steps for tiles {@code [t0, t0 + count)}, tiles numbered (image, tile row, tile column). */
    private void block(float[] x, ConvGeometry geo, float[] y, Gemm one, int t0, int count, int tilesH, int tilesW) {
        Buffers buf = BUFFERS.get();
        int mt = tf.outputTile(), nt = tf.inputTile();
        // The 16 matrices of a block sit one after the other. Their distance is padded by one cache
        // line: with count·cin a multiple of 1024 floats (96 tiles × 128 channels = 48 KiB), the 16
        // values a transform touches for one channel would all fall into one set of the 12-way L1
        // cache and evict each other (measured: the input transform took 34 ms instead of 5).
        int vStride = count * cin + STRIDE_PAD, mStride = count * cout + STRIDE_PAD;
        float[] v = buf.v(tf.positions() * vStride), m = buf.m(tf.positions() * mStride);
        int h = geo.inH(), w = geo.inW(), outH = geo.outH(), outW = geo.outW();

        // 1. input transform: V_ξ[i][ci] for tile i of the block
        for (int i = 0; i < count; i++) {
            int t = t0 + i, tx = t % tilesW, ty = (t / tilesW) % tilesH, b = t / (tilesW * tilesH);
            int iy0 = mt * ty - geo.padTop(), ix0 = mt * tx - geo.padLeft();   // the n×n input tile's top-left cell
            int image = b * h * w * cin;
            if (iy0 >= 0 && iy0 + nt <= h && ix0 >= 0 && ix0 + nt <= w) {
                tf.inputTile(x, image + (iy0 * w + ix0) * cin, w * cin, cin, v, i * cin, vStride, cin, vector);
            } else {
                float[] patch = buf.patch(nt * nt * cin);
                gatherPatch(x, image, h, w, iy0, ix0, patch);
                tf.inputTile(patch, 0, nt * cin, cin, v, i * cin, vStride, cin, vector);
            }
        }
        // 2. the (m+2)² independent products M_ξ = V_ξ · U_ξ
        DenseMatrix[] vs = buf.views(v, count, vStride, cin, tf.positions());
        for (int xi = 0; xi < tf.positions(); xi++) {
            one.multiply(count, cout, cin, vs[xi], u[xi], m, xi * mStride, cout, Epilogue.NONE);
        }
        // 3. output transform + bias + activation, straight into the NHWC output
        int rowStride = outW * cout;
        for (int i = 0; i < count; i++) {
            int t = t0 + i, tx = t % tilesW, ty = (t / tilesW) % tilesH, b = t / (tilesW * tilesH);
            int oy0 = mt * ty, ox0 = mt * tx;
            int o = ((b * outH + oy0) * outW + ox0) * cout;
            int rows = Math.min(mt, outH - oy0), cols = Math.min(mt, outW - ox0);
            if (rows == mt && cols == mt) {
                tf.outputTile(m, i * cout, mStride, bias, y, o, rowStride, cout, cout, relu, vector);
            } else {                        // a tile sticking out of the output: compute all 4, keep the inside
                float[] edge = buf.edge(mt * mt * cout);
                tf.outputTile(m, i * cout, mStride, bias, edge, 0, mt * cout, cout, cout, relu, vector);
                for (int r = 0; r < rows; r++) System.arraycopy(edge, r * mt * cout, y, o + r * rowStride, cols * cout);
            }
            if (act != null) {              // the tile's rows are runs of cols·cout contiguous values
                for (int r = 0; r < rows; r++) act.applyInPlace(y, o + r * rowStride, o + r * rowStride + cols * cout);
            }
        }
    }

    /** Copies the n×n input tile at (iy0, ix0) into {@code patch} (row stride n·cin, n = m + 2), zeros outside the image. */
    private void gatherPatch(float[] x, int image, int h, int w, int iy0, int ix0, float[] patch) {
        int nt = tf.inputTile();
        for (int r = 0; r < nt; r++) {
            int iy = iy0 + r;
            for (int c = 0; c < nt; c++) {
                int ix = ix0 + c, dst = (r * nt + c) * cin;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                    System.arraycopy(x, image + (iy * w + ix) * cin, patch, dst, cin);
                } else {
                    java.util.Arrays.fill(patch, dst, dst + cin, 0f);
                }
            }
        }
    }

    /**
     * Tiles per block: at most {@link #TILE_BLOCK}; fewer when V, M ((m+2)²·tiles·(cin + cout) floats)
     * and U (16·cin·cout) would overflow {@code l2Budget} (on conv4, 128 → 128 channels, that
     * means 24 tiles; measured there, the whole layer takes about the same for 12–96 tiles and is
     * slower from 144, see benchmarks/NOTES.md); and with several threads at least 3 blocks per
     * thread, so the dynamic hand-out evens out.
     */
    int tilesPerBlock(int tiles, int threads) {
        int fit = (l2Budget - tf.positions() * cin * cout) / (tf.positions() * (cin + cout));
        int most = Math.max(mr, Math.min(TILE_BLOCK / mr * mr, fit / mr * mr));
        return Math.min(most, roundUp(ceilDiv(tiles, threads > 1 ? 3 * threads : 1), mr));
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    private static int roundUp(int x, int to) { return ceilDiv(x, to) * to; }

    /** One thread's V and M blocks and small scratch, reused between calls (they only grow). */
    private static final class Buffers {
        private float[] v = new float[0], m = new float[0], patch = new float[0], edge = new float[0];

        float[] v(int n) { if (v.length < n) v = new float[n]; return v; }
        float[] m(int n) { if (m.length < n) m = new float[n]; return m; }
        float[] patch(int n) { if (patch.length < n) patch = new float[n]; return patch; }
        float[] edge(int n) { if (edge.length < n) edge = new float[n]; return edge; }

        // the V matrices of a block as GEMM operands, kept for the last two block shapes (a call's
        // blocks have at most two: the full ones and the last), so a warm call makes none (a new
        // DenseMatrix per block and position was ~300 KB of garbage a call on a 256x256 layer)
        private final ViewSet[] viewSets = {new ViewSet(), new ViewSet()};
        private int nextSet;

        DenseMatrix[] views(float[] v, int count, int vStride, int cin, int positions) {
            for (ViewSet vs : viewSets) if (vs.matches(v, count, vStride, cin, positions)) return vs.views;
            ViewSet vs = viewSets[nextSet];
            nextSet = 1 - nextSet;
            vs.fill(v, count, vStride, cin, positions);
            return vs.views;
        }
    }

    /** The GEMM views of one block shape's V matrices. */
    private static final class ViewSet {
        final DenseMatrix[] views = new DenseMatrix[36];        // the most positions: F(4x4, 3x3)
        private float[] of;
        private int count = -1, stride = -1, cin = -1, positions = -1;

        boolean matches(float[] v, int count, int vStride, int cin, int positions) {
            return of == v && this.count == count && stride == vStride && this.cin == cin && this.positions == positions;
        }

        void fill(float[] v, int count, int vStride, int cin, int positions) {
            for (int xi = 0; xi < positions; xi++) views[xi] = new DenseMatrix(v, xi * vStride, count, cin, cin);
            of = v;
            this.count = count;
            stride = vStride;
            this.cin = cin;
            this.positions = positions;
        }
    }
}
