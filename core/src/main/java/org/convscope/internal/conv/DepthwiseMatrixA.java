package org.convscope.internal.conv;

import org.convscope.geometry.ConvGeometry;
import org.convscope.internal.gemm.MatrixA;

/**
 * The output of a depthwise convolution (depth multiplier 1) as the left operand of a GEMM,
 * computed while the GEMM packs it: row i is output pixel i (batch·outH·outW rows), column ci its
 * channel ci. A separable convolution multiplies this by its pointwise kernel, so the depthwise
 * result never exists as a tensor: each block of rows the GEMM packs is convolved straight into
 * the GEMM's packed buffer (which stays in cache for the multiply that follows), instead of being
 * written to a full output, read back and copied by the packing.
 *
 * <pre>
 *   packRows(i0, mc, p0, kc):  for each output row r touched by pixels [i0, i0+mc):
 *       DepthwiseVector.range(r, pixels of r in the block, channels [p0, p0+kc))  → dst rows
 * </pre>
 *
 * <p>Holds the input and kernel arrays without copying; valid while they are (one GEMM call).
 * Loaded only when the Vector API is in use.
 */
final class DepthwiseMatrixA implements MatrixA {
    private final float[] x, kernel;
    private final ConvGeometry geo;
    private final int kh, kw, c, rows;

    /**
     * @param x      the NHWC input
     * @param kernel {@code (kh, kw, c, 1)}
     * @param geo    the depthwise convolution's geometry (groups 1: the channel count is {@code c})
     */
    DepthwiseMatrixA(float[] x, float[] kernel, ConvGeometry geo, int kh, int kw, int c) {
        this.x = x;
        this.kernel = kernel;
        this.geo = geo;
        this.kh = kh;
        this.kw = kw;
        this.c = c;
        this.rows = geo.outputPixels();
    }

    @Override public int rows() { return rows; }

    @Override public int cols() { return c; }

    @Override
    public float get(int i, int p) {
        float[] one = new float[1];
        int outW = geo.outW();
        DepthwiseVector.range(x, kernel, null, geo, kh, kw, c, i / outW, i % outW, i % outW + 1, p, p + 1, one, 0, 1, null);
        return one[0];
    }

    @Override
    public void packRows(int i0, int mc, int p0, int kc, float[] dst, int dstOff, int ld) {
        int outW = geo.outW(), end = Math.min(i0 + mc, rows);
        for (int i = i0; i < end; ) {
            int r = i / outW, ox0 = i - r * outW, ox1 = Math.min(outW, ox0 + (end - i));
            DepthwiseVector.range(x, kernel, null, geo, kh, kw, c, r, ox0, ox1, p0, p0 + kc, dst, dstOff + (i - i0) * ld, ld, null);
            i += ox1 - ox0;
        }
        for (int i = end; i < i0 + mc; i++) java.util.Arrays.fill(dst, dstOff + (i - i0) * ld, dstOff + (i - i0) * ld + kc, 0f);
    }
}
