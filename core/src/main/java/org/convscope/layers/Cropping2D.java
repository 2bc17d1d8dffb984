package org.convscope.layers;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/** Keras's Cropping2D: removes rows above/below and columns left/right of an NHWC image. */
public final class Cropping2D extends SingleInputLayer {
    private final int top, bottom, left, right;

    /**
     * A {@code Cropping2D} layer removing rows and columns at the edges.
     * @param name the layer's name, unique in its model
     * @param top rows removed at the top
     * @param bottom rows removed at the bottom
     * @param left columns removed on the left
     * @param right columns removed on the right
     */
    public Cropping2D(String name, int top, int bottom, int left, int right) {
        super(name);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException(describe() + ": cropping must be >= 0, got top " + top + " bottom " + bottom
                    + " left " + left + " right " + right);
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    @Override public String kerasClass() { return "Cropping2D"; }

    /** {@return {@code {top, bottom, left, right}}} */
    public int[] cropping() { return new int[] {top, bottom, left, right}; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        if ((in[1] >= 0 && top + bottom >= in[1]) || (in[2] >= 0 && left + right >= in[2])) {
            throw new IllegalArgumentException(describe() + ": cropping top " + top + " bottom " + bottom + " left " + left
                    + " right " + right + " leaves nothing of input " + Shapes.toString(in));
        }
        return new int[] {in[0], in[1] < 0 ? -1 : in[1] - top - bottom, in[2] < 0 ? -1 : in[2] - left - right, in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape(), o = outputShape(s);
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = o[1], ow = o[2];
        float[] x = input.data(), y = ActivationArena.floats(n * oh * ow * c);
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                System.arraycopy(x, ((b * h + oy + top) * w + left) * c, y, ((b * oh + oy) * ow) * c, ow * c);
            }
        }
        return Tensor.of(y, o);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
