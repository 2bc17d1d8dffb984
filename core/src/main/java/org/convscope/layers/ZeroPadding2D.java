package org.convscope.layers;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/** Keras's ZeroPadding2D: adds rows of zeros above/below and columns left/right of an NHWC image. */
public final class ZeroPadding2D extends SingleInputLayer {
    private final int top, bottom, left, right;

    /**
     * A {@code ZeroPadding2D} layer.
     * @param name the layer's name, unique in its model
     * @param top rows of zeros added at the top
     * @param bottom rows of zeros added at the bottom
     * @param left columns of zeros added on the left
     * @param right columns of zeros added on the right
     */
    public ZeroPadding2D(String name, int top, int bottom, int left, int right) {
        super(name);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException(describe() + ": padding must be >= 0, got top " + top + " bottom " + bottom
                    + " left " + left + " right " + right);
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    @Override public String kerasClass() { return "ZeroPadding2D"; }

    /** {@return {@code {top, bottom, left, right}}} */
    public int[] padding() { return new int[] {top, bottom, left, right}; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        return new int[] {in[0], in[1] < 0 ? -1 : in[1] + top + bottom, in[2] < 0 ? -1 : in[2] + left + right, in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape(), o = outputShape(s);
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = o[1], ow = o[2];
        float[] x = input.data(), y = ActivationArena.zeros(o).data();   // the border stays zero
        for (int b = 0; b < n; b++) {
            for (int iy = 0; iy < h; iy++) {
                System.arraycopy(x, ((b * h + iy) * w) * c, y, ((b * oh + iy + top) * ow + left) * c, w * c);
            }
        }
        return Tensor.of(y, o);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
