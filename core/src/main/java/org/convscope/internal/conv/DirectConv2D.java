package org.convscope.internal.conv;

import java.util.Arrays;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.geometry.ConvGeometry;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.Tensor;

/**
 * A convolution with a short reduction, {@code K = kh·kw·cin} ≤ {@value #MAX_K} (a first layer on
 * RGB images: 3x3x3 = 27), computed directly from the input without an im2col packing step.
 *
 * <p>Why: with K = 27 the GEMM does only 27 multiply-adds per output value, while the implicit GEMM
 * still copies 27 input values per output pixel into its packed A block and writes and re-reads C
 * for the epilogue. Measured on convnet_512's conv1 (512×512×3 → 32, one thread): packing alone
 * took about 5 ms of 15. Here each output row reads its kh input rows once, into a row buffer that
 * interleaves them: buffer pixel q is a slot of {@code kh·cin} values, input rows
 * {@code oy·sh − padTop + ty} (ty = 0..kh−1) at input column {@code q − padLeft}, zeros outside the
 * image. Then the window of output pixel ox, slots {@code ox·sw .. ox·sw + kw − 1}, is
 * {@code kw·kh·cin} <em>consecutive</em> values (in (tx, ty, ci) order; the kernel's rows are
 * reordered to match), and the windows of neighbouring pixels start {@code sw·kh·cin} apart:
 * the kernel ({@link DirectKernel12x32} at 512 bits, {@link DirectKernel6x16} at 256) broadcasts its
 * A values straight from the buffer, with no bounds checks (padding is in the buffer) and a flat k
 * loop.
 *
 * <pre>
 *   for each output row (b, oy), in parallel:
 *     buffer[q][ty][ci] = in[b, oy·sh − padTop + ty, q − padLeft, ci]      (0 outside the image)
 *     for each MR-pixel group, for each NR-channel panel:  tile = bias + Σ_K buffer · kernel panel
 *                                          (MR×NR = 12×32 at 512 bits, 6×16 at 256 bits)
 *     activation over the finished row
 * </pre>
 *
 * <p>Needs an engine on 512- or 256-bit vectors ({@link ConvPlanner} sends scalar engines to the
 * implicit GEMM). Groups 1, dilation 1, any strides and padding, any cout (partial panels and the
 * last pixel group are computed into a scratch tile). Immutable and thread-safe.
 */
final class DirectConv2D {
    /** Largest reduction handled here; longer ones amortise the implicit GEMM's packing well. */
    static final int MAX_K = 32;
    private final int mr, nr;           // the kernel's tile: 12×32 (512-bit) or 6×16 (256-bit)
    private final boolean wide;         // 512-bit: DirectKernel12x32, else DirectKernel6x16
    private final int kh, kw, cin, cout, k;
    private final float[] panels;       // the kernel as ceil(cout/NR) panels of K×NR (columns past cout are 0)
    private final float[] bias;         // padded to whole panels
    private final ElementwiseActivation act;    // applied to each finished row, unless fused
    private final boolean relu;                 // plain relu, fused into the kernel's stores

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[DirectKernel12x32.MR * DirectKernel12x32.NR]});

    /**
     * @param kernel     {@code (kh, kw, cin, cout)}
     * @param bias       {@code (cout)} or null
     * @param act        elementwise activation applied to each finished row, or null
     * @param vectorBits the engine's vector width, 512 or 256
     */
    DirectConv2D(Tensor kernel, Tensor bias, ElementwiseActivation act, int vectorBits) {
        if (vectorBits != 512 && vectorBits != 256) throw new IllegalArgumentException("DirectConv2D: 256 or 512 bits, got " + vectorBits);
        this.wide = vectorBits == 512;
        this.mr = wide ? DirectKernel12x32.MR : DirectKernel6x16.MR;
        this.nr = wide ? DirectKernel12x32.NR : DirectKernel6x16.NR;
        this.kh = kernel.dim(0);
        this.kw = kernel.dim(1);
        this.cin = kernel.dim(2);
        this.cout = kernel.dim(3);
        this.k = kh * kw * cin;
        int np = (cout + nr - 1) / nr;
        this.panels = new float[np * k * nr];
        float[] w = kernel.data();              // Keras row (ty·kw + tx)·cin + ci of a [K × cout] matrix
        for (int s = 0; s < np; s++) {
            int cols = Math.min(nr, cout - s * nr);
            for (int tx = 0; tx < kw; tx++) {
                for (int ty = 0; ty < kh; ty++) {
                    for (int ci = 0; ci < cin; ci++) {
                        int p = (tx * kh + ty) * cin + ci;      // the buffer's (tx, ty, ci) order
                        System.arraycopy(w, ((ty * kw + tx) * cin + ci) * cout + s * nr, panels, (s * k + p) * nr, cols);
                    }
                }
            }
        }
        this.bias = new float[np * nr];
        if (bias != null) System.arraycopy(bias.data(), 0, this.bias, 0, cout);
        this.relu = FusedActivation.isPlainRelu(act);
        this.act = relu ? null : act;
    }

    /** Whether the direct path computes this convolution: one group, dilation 1, a short reduction. */
    static boolean applies(int kh, int kw, int cinG, int[] dilation, int groups) {
        return groups == 1 && dilation[0] == 1 && dilation[1] == 1 && kh * kw * cinG <= MAX_K;
    }

    /** Writes the convolution of NHWC {@code x} (geometry {@code geo}) to {@code y}, every value. */
    void forward(float[] x, ConvGeometry geo, float[] y, Gemm gemm) {
        int rows = geo.batch() * geo.outH();
        int threads = gemm.threads();
        int perTask = Math.max(1, rows / (threads > 1 ? 8 * threads : 1));
        Gemms.parallelFor(threads, (rows + perTask - 1) / perTask, t -> {
            for (int r = t * perTask; r < Math.min(rows, (t + 1) * perTask); r++) row(x, geo, y, r);
        });
    }

    /** Output row {@code r = b·outH + oy}. */
    private void row(float[] x, ConvGeometry geo, float[] y, int r) {
        int outW = geo.outW(), sw = geo.strideW(), inW = geo.inW(), padLeft = geo.padLeft();
        int b = r / geo.outH(), oy = r - b * geo.outH();
        // the row buffer: enough slots for whole mr-pixel groups
        int groups = (outW + mr - 1) / mr;
        int pixels = (groups * mr - 1) * sw + kw, slot = kh * cin;
        float[][] buf = BUFFERS.get();
        if (buf[0].length < pixels * slot) buf[0] = new float[pixels * slot];
        float[] a = buf[0], scratch = buf[1];
        // slots [0, q0) and [q1, pixels) are horizontal padding; [q0, q1) read input columns q − padLeft
        int q0 = Math.min(padLeft, pixels), q1 = Math.max(q0, Math.min(pixels, inW + padLeft));
        for (int ty = 0; ty < kh; ty++) {
            int iy = oy * geo.strideH() - geo.padTop() + ty;
            if (iy < 0 || iy >= geo.inH()) {
                for (int q = 0, d = ty * cin; q < pixels; q++, d += slot) Arrays.fill(a, d, d + cin, 0f);
                continue;
            }
            for (int q = 0, d = ty * cin; q < q0; q++, d += slot) Arrays.fill(a, d, d + cin, 0f);
            int s = ((b * geo.inH() + iy) * inW + q0 - padLeft) * cin, d = q0 * slot + ty * cin;
            if (cin == 1) {                 // gray: one move per pixel (an arraycopy call per value cost more than the kernel)
                for (int q = q0; q < q1; q++, s++, d += slot) a[d] = x[s];
            } else if (cin == 3) {          // RGB: three moves per pixel, no inner loop
                for (int q = q0; q < q1; q++, s += 3, d += slot) {
                    a[d] = x[s];
                    a[d + 1] = x[s + 1];
                    a[d + 2] = x[s + 2];
                }
            } else {
                for (int q = q0; q < q1; q++, s += cin, d += slot) System.arraycopy(x, s, a, d, cin);
            }
            for (int q = q1; q < pixels; q++, d += slot) Arrays.fill(a, d, d + cin, 0f);
        }
        int yRow = r * outW * cout, pixelStride = sw * slot;
        for (int g = 0; g < groups; g++) {
            int ox0 = g * mr, n = Math.min(mr, outW - ox0);
            int aOff = ox0 * pixelStride;                   // pixel ox0's window: slots ox0·sw ..
            for (int s = 0; s * nr < cout; s++) {
                int cols = Math.min(nr, cout - s * nr);
                int c = yRow + ox0 * cout + s * nr;
                if (n == mr && cols == nr) {
                    tile(a, aOff, pixelStride, s * k * nr, s * nr, y, c, cout);
                } else {            // the tile sticks out of the row or of the channels: compute it aside
                    tile(a, aOff, pixelStride, s * k * nr, s * nr, scratch, 0, nr);
                    for (int i = 0; i < n; i++) System.arraycopy(scratch, i * nr, y, c + i * cout, cols);
                }
            }
        }
        if (act != null) act.applyInPlace(y, yRow, yRow + outW * cout);
    }

    /** One MR×NR tile: the engine width's kernel. */
    private void tile(float[] a, int aOff, int pixelStride, int bOff, int biasOff, float[] c, int cOff, int ldc) {
        if (wide) DirectKernel12x32.tile(k, a, aOff, pixelStride, panels, bOff, bias, biasOff, c, cOff, ldc, relu);
        else DirectKernel6x16.tile(k, a, aOff, pixelStride, panels, bOff, bias, biasOff, c, cOff, ldc, relu);
    }
}
