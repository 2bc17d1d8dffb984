package org.convscope.internal.conv;

import org.convscope.geometry.ConvGeometry;
import org.convscope.internal.gemm.MatrixA;

/**
 * The im2col matrix of an NHWC input for one channel group, as a GEMM left operand that is never
 * built: {@link #pack} copies the needed patch values straight from the input into the GEMM's
 * micro-panels (an "implicit GEMM").
 *
 * <h2>The matrix</h2>
 * <pre>
 *   row    i = (b·outH + oy)·outW + ox                 one output pixel, in NHWC order
 *   column p = (ty·kw + tx)·cinG + ci                  one kernel tap and input channel, in the
 *                                                       kernel's (kh, kw, cin/groups) order
 *   A[i][p] = in[b, oy·sh − padTop + ty·dh, ox·sw − padLeft + tx·dw, chOff + ci]   (0 outside the image)
 * </pre>
 * So with the Keras kernel {@code (kh, kw, cin/groups, cout)} read as a {@code [kh·kw·cinG × cout]}
 * matrix B, the convolution is {@code out[M × cout] = A · B}, and the NHWC output is exactly C.
 *
 * <p>Like Caffe's {@code im2col}, every piece of geometry is an explicit argument; {@link #of} fills
 * them from a {@link ConvGeometry}.
 *
 * <h2>Packing</h2>
 * Along a row of A, the columns for one tap {@code (ty, tx)} are the {@code cinG} channels of one
 * input pixel, which are contiguous in NHWC memory. {@code pack} therefore walks each row tap by tap,
 * checks the bounds once per tap and copies a contiguous run of channels (or writes zeros for a
 * padding pixel). No division or virtual call happens inside the copy loop.
 */
public final class Im2colMatrixA implements MatrixA {
    private final float[] x;
    private final int height, width, channels;           // input image (NHWC); batch follows from rows
    private final int kh, kw, padTop, padLeft, strideH, strideW, dilationH, dilationW;
    private final int outH, outW;
    private final int chOff, cinG;                        // this group's channels: [chOff, chOff + cinG)
    private final int rows, cols;

    /**
     * The im2col matrix of one channel group, every piece of geometry given explicitly (no checks
     * beyond the channel range and the array length; {@link #of} takes them from a checked
     * {@link ConvGeometry}). The array is read, never copied or written, while the GEMM packs.
     *
     * @param input            the NHWC input data {@code [batch, height, width, channels]}, row-major
     * @param batch            number of images
     * @param height           input height in pixels
     * @param width            input width in pixels
     * @param channels         input channels (all groups)
     * @param kh               kernel height in taps
     * @param kw               kernel width in taps
     * @param padTop           padding rows above the image (window row 0 starts at {@code -padTop})
     * @param padLeft          padding columns left of the image
     * @param strideH          vertical stride
     * @param strideW          horizontal stride
     * @param dilationH        vertical dilation
     * @param dilationW        horizontal dilation
     * @param outH             output height: with {@code batch} and {@code outW}, the number of rows
     * @param outW             output width
     * @param channelOffset    first input channel of this group ({@code g·cinG})
     * @param channelsPerGroup {@code cinG = channels / groups}
     * @throws IllegalArgumentException if the group's channels fall outside the input, or the array is
     *                                  shorter than {@code batch·height·width·channels}
     * @throws ArithmeticException      if {@code batch·outH·outW} overflows an int
     */
    public Im2colMatrixA(float[] input, int batch, int height, int width, int channels,
                         int kh, int kw, int padTop, int padLeft, int strideH, int strideW,
                         int dilationH, int dilationW, int outH, int outW,
                         int channelOffset, int channelsPerGroup) {
        if (channelOffset < 0 || channelsPerGroup < 1 || channelOffset + channelsPerGroup > channels) {
            throw new IllegalArgumentException("im2col: channels [" + channelOffset + ", " + (channelOffset + channelsPerGroup)
                    + ") outside the input's " + channels);
        }
        if ((long) batch * height * width * channels > input.length) {
            throw new IllegalArgumentException("im2col: input array of " + input.length + " is smaller than "
                    + batch + "x" + height + "x" + width + "x" + channels);
        }
        this.x = input;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.kh = kh;
        this.kw = kw;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.strideH = strideH;
        this.strideW = strideW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.outH = outH;
        this.outW = outW;
        this.chOff = channelOffset;
        this.cinG = channelsPerGroup;
        this.rows = Math.multiplyExact(Math.multiplyExact(batch, outH), outW);
        this.cols = kh * kw * channelsPerGroup;
    }

    /**
     * The im2col matrix of one channel group of an input laid out as {@code geo} describes.
     *
     * @param input the NHWC input data, {@code geo.batch()·geo.inH()·geo.inW()·geo.inC()} values
     * @param geo   the convolution's geometry
     * @param group which group, {@code 0 <= group < geo.groups()}: columns come from its
     *              {@code geo.inCPerGroup()} channels
     * @return a {@code [batch·outH·outW × kh·kw·cinG]} left operand that packs itself from {@code input}
     */
    public static Im2colMatrixA of(float[] input, ConvGeometry geo, int group) {
        int cinG = geo.inCPerGroup();
        return new Im2colMatrixA(input, geo.batch(), geo.inH(), geo.inW(), geo.inC(),
                geo.kh(), geo.kw(), geo.padTop(), geo.padLeft(), geo.strideH(), geo.strideW(),
                geo.dilationH(), geo.dilationW(), geo.outH(), geo.outW(), group * cinG, cinG);
    }

    @Override public int rows() { return rows; }

    @Override public int cols() { return cols; }

    @Override
    public float get(int i, int p) {
        int ox = i % outW, oy = (i / outW) % outH, b = i / (outW * outH);
        int ci = p % cinG, tap = p / cinG, tx = tap % kw, ty = tap / kw;
        int iy = oy * strideH - padTop + ty * dilationH, ix = ox * strideW - padLeft + tx * dilationW;
        if (iy < 0 || iy >= height || ix < 0 || ix >= width) return 0f;
        return x[((b * height + iy) * width + ix) * channels + chOff + ci];
    }

    @Override
    public void pack(int i0, int mc, int p0, int kc, int mr, float[] dst, int dstOff) {
        // Column p0 as (ty, tx, ci): the same for every row, so decode it once.
        int tap0 = p0 / cinG, ci0 = p0 - tap0 * cinG;
        int ty0 = tap0 / kw, tx0 = tap0 - ty0 * kw;
        int real = Math.max(0, Math.min(mc, rows - i0));  // rows of this block that exist in A
        int panels = (mc + mr - 1) / mr;
        int panelSize = mr * kc;

        // Row i0 as (b, oy, ox); later rows advance these counters instead of dividing.
        int ox = 0, oy = 0, b = 0;
        if (real > 0) {
            ox = i0 % outW;
            oy = (i0 / outW) % outH;
            b = i0 / (outW * outH);
        }
        int imageSize = height * width * channels;
        for (int r = 0; r < panels * mr; r++) {
            int panel = r / mr, lane = r - panel * mr;
            int o = dstOff + panel * panelSize + lane;     // A[i0 + r][p0 + p] goes to o + p·mr
            if (r >= real) {                                // past the block or past A: zeros
                for (int p = 0; p < kc; p++, o += mr) dst[o] = 0f;
                continue;
            }
            packRow(b * imageSize, oy * strideH - padTop, ox * strideW - padLeft, ty0, tx0, ci0, kc, dst, o, mr);
            if (++ox == outW) {
                ox = 0;
                if (++oy == outH) { oy = 0; b++; }
            }
        }
    }

    /**
     * Packs rows {@code [i0, i0+mc)} of A row by row (the vector GEMM's layout, see
     * {@link MatrixA#packRows}): row r's kc columns go to {@code dst[dstOff + r·ld ...]} as runs of
     * contiguous channels copied with {@code System.arraycopy}, or zeros for a padding pixel.
     */
    @Override
    public void packRows(int i0, int mc, int p0, int kc, float[] dst, int dstOff, int ld) {
        int tap0 = p0 / cinG, ci0 = p0 - tap0 * cinG;
        int ty0 = tap0 / kw, tx0 = tap0 - ty0 * kw;
        int real = Math.max(0, Math.min(mc, rows - i0));
        int ox = 0, oy = 0, b = 0;
        if (real > 0) {
            ox = i0 % outW;
            oy = (i0 / outW) % outH;
            b = i0 / (outW * outH);
        }
        int imageSize = height * width * channels;
        // whole rows of A from one group without horizontal dilation: see the interior fast path below
        boolean whole = p0 == 0 && kc == cols && dilationW == 1 && cinG == channels;
        int rowRun = kw * cinG, lastTapY = (kh - 1) * dilationH, tapRowStep = dilationH * width * channels;
        for (int r = 0; r < mc; r++) {
            int o = dstOff + r * ld;
            if (r >= real) {
                java.util.Arrays.fill(dst, o, o + kc, 0f);
                continue;
            }
            int iy0 = oy * strideH - padTop, ix0 = ox * strideW - padLeft;
            if (whole && iy0 >= 0 && iy0 + lastTapY < height && ix0 >= 0 && ix0 + kw <= width) {
                // interior window, all of K asked: kh copies of kw·cin contiguous values
                int s = b * imageSize + (iy0 * width + ix0) * channels;
                for (int ty = 0; ty < kh; ty++, s += tapRowStep, o += rowRun) {
                    if (rowRun <= 16) {
                        for (int t = 0; t < rowRun; t++) dst[o + t] = x[s + t];
                    } else {
                        System.arraycopy(x, s, dst, o, rowRun);
                    }
                }
            } else {
                copyRow(b * imageSize, iy0, ix0, ty0, tx0, ci0, kc, dst, o);
            }
            if (++ox == outW) {
                ox = 0;
                if (++oy == outH) { oy = 0; b++; }
            }
        }
    }

    /**
     * {@link #packRow} for a contiguous destination: each tap's channel run is one copy. With one
     * group and no horizontal dilation, the kw taps of a kernel row are kw·cin consecutive input
     * values, so when the window lies inside the image horizontally a whole kernel row is one copy
     * (for a 3-channel first layer: 3 copies of 9 values per row of A instead of 9 copies of 3).
     */
    private void copyRow(int imageBase, int iy0, int ix0, int ty, int tx, int ci, int kc, float[] dst, int o) {
        int left = kc;
        boolean wholeKernelRows = dilationW == 1 && cinG == channels && ix0 >= 0 && ix0 + kw <= width;
        int rowRun = kw * cinG;
        while (left > 0) {
            if (wholeKernelRows && tx == 0 && ci == 0 && left >= rowRun) {
                int iy = iy0 + ty * dilationH;
                if (iy >= 0 && iy < height) {
                    int s = imageBase + (iy * width + ix0) * channels;
                    if (rowRun <= 16) {
                        for (int t = 0; t < rowRun; t++) dst[o + t] = x[s + t];
                    } else {
                        System.arraycopy(x, s, dst, o, rowRun);
                    }
                } else {
                    java.util.Arrays.fill(dst, o, o + rowRun, 0f);
                }
                o += rowRun;
                left -= rowRun;
                ty++;
                continue;
            }
            int run = Math.min(cinG - ci, left);
            int iy = iy0 + ty * dilationH, ix = ix0 + tx * dilationW;
            if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                int s = imageBase + (iy * width + ix) * channels + chOff + ci;
                if (run <= 8) {
                    for (int t = 0; t < run; t++) dst[o + t] = x[s + t];   // short runs (cin = 3): no call
                } else {
                    System.arraycopy(x, s, dst, o, run);
                }
            } else {
                java.util.Arrays.fill(dst, o, o + run, 0f);
            }
            o += run;
            left -= run;
            ci = 0;
            if (++tx == kw) { tx = 0; ty++; }
        }
    }

    /**
     * Writes kc consecutive columns of one row of A (starting at tap (ty, tx), channel ci) to
     * {@code dst[o], dst[o + mr], ...}. {@code iy0, ix0} is the window's top-left input cell.
     */
    private void packRow(int imageBase, int iy0, int ix0, int ty, int tx, int ci, int kc, float[] dst, int o, int mr) {
        float[] src = x;
        int left = kc;
        while (left > 0) {
            int run = Math.min(cinG - ci, left);           // channels of this tap still needed
            int iy = iy0 + ty * dilationH, ix = ix0 + tx * dilationW;
            if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                int s = imageBase + (iy * width + ix) * channels + chOff + ci;
                for (int t = 0; t < run; t++, o += mr) dst[o] = src[s + t];
            } else {                                        // a padding pixel
                for (int t = 0; t < run; t++, o += mr) dst[o] = 0f;
            }
            left -= run;
            ci = 0;
            if (++tx == kw) { tx = 0; ty++; }
        }
    }
}
