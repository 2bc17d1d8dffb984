package org.convscope.layers;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's {@code CenterCrop} preprocessing layer: the central {@code height × width} window of every
 * NHWC image, starting at row {@code (H − height) / 2} and column {@code (W − width) / 2} (rounded
 * down, as Keras does). Keras resizes an image smaller than the window instead of cropping it
 * ({@code smart_resize}); this layer refuses such an input with a clear message.
 */
public final class CenterCrop extends SingleInputLayer {
    private final int height, width;

    /**
     * A CenterCrop layer.
     *
     * @param name   the layer's name, unique in its model
     * @param height the window's height, positive
     * @param width  the window's width, positive
     */
    public CenterCrop(String name, int height, int width) {
        super(name);
        if (height <= 0 || width <= 0) throw new IllegalArgumentException(describe() + ": size must be positive, got " + height + "x" + width);
        this.height = height;
        this.width = width;
    }

    @Override public String kerasClass() { return "CenterCrop"; }

    /** {@return the window height} */
    public int height() { return height; }

    /** {@return the window width} */
    public int width() { return width; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        if ((in[1] >= 0 && in[1] < height) || (in[2] >= 0 && in[2] < width)) {
            throw new IllegalArgumentException(describe() + ": input " + Shapes.toString(in) + " is smaller than the " + height + "x" + width
                    + " window; Keras would resize it (smart_resize), which convscope does not do: resize the input to at least "
                    + height + "x" + width + " first");
        }
        return new int[] {in[0], height, width, in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] out = outputShape(input.shape());
        int[] s = input.shape();
        int n = s[0], h = s[1], w = s[2], c = s[3];
        out[0] = n;
        int top = (h - height) / 2, left = (w - width) / 2;
        float[] x = input.data(), y = ActivationArena.floats(n * height * width * c);
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(x, ((b * h + top + r) * w + left) * c, y, (b * height + r) * width * c, width * c);
            }
        }
        return Tensor.of(y, out);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
