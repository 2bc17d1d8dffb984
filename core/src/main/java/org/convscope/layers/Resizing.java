package org.convscope.layers;

import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's {@code Resizing} preprocessing layer: every NHWC image resized to {@code height × width}
 * as Keras 3 and {@code tf.image.resize} do it without antialiasing (half-pixel centres; bilinear, or
 * nearest-neighbour), see {@link Resize}. Keras's {@code crop_to_aspect_ratio} and
 * {@code pad_to_aspect_ratio} are not implemented (the loader refuses them).
 */
public final class Resizing extends SingleInputLayer {
    private final int height, width;
    private final Interpolation interpolation;

    /**
     * A Resizing layer.
     *
     * @param name          the layer's name, unique in its model
     * @param height        output height, positive
     * @param width         output width, positive
     * @param interpolation bilinear or nearest
     */
    public Resizing(String name, int height, int width, Interpolation interpolation) {
        super(name);
        if (height <= 0 || width <= 0) throw new IllegalArgumentException(describe() + ": size must be positive, got " + height + "x" + width);
        if (interpolation == null) throw new IllegalArgumentException(describe() + ": interpolation is required");
        this.height = height;
        this.width = width;
        this.interpolation = interpolation;
    }

    @Override public String kerasClass() { return "Resizing"; }

    /** {@return the output height} */
    public int height() { return height; }

    /** {@return the output width} */
    public int width() { return width; }

    /** {@return the interpolation} */
    public Interpolation interpolation() { return interpolation; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        if (in[1] == 0 || in[2] == 0) throw new IllegalArgumentException(describe() + ": empty image " + Shapes.toString(in));
        return new int[] {in[0], height, width, in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        return Resize.resize(input, height, width, interpolation);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
