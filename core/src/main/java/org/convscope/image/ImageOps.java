package org.convscope.image;

import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Small whole-image operations on NHWC batches, named after their TensorFlow counterparts:
 * cropping ({@code tf.image.crop_to_bounding_box}, {@code tf.image.central_crop}) and
 * {@code tf.image.rgb_to_grayscale}.
 */
public final class ImageOps {
    private ImageOps() {}

    /**
     * The window of {@code height x width} pixels whose top-left pixel is ({@code top}, {@code left}),
     * like {@code tf.image.crop_to_bounding_box} and NumPy's {@code img[top:top+height, left:left+width]}.
     *
     * @param height rows to keep
     * @param images images {@code [N, H, W, C]}
     * @param left first column
     * @param top first row
     * @param width columns to keep
     * @return the window, a new tensor
     */
    public static Tensor crop(Tensor images, int top, int left, int height, int width) {
        Shapes.requireRank("crop", images.shape(), 4);
        int n = images.dim(0), h = images.dim(1), w = images.dim(2), c = images.dim(3);
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + height > h || left + width > w) {
            throw new IllegalArgumentException("crop: window rows " + top + ".." + (top + height) + ", columns " + left + ".."
                    + (left + width) + " does not fit in an image of " + h + "x" + w + " (shape " + Shapes.toString(images.shape()) + ")");
        }
        Tensor out = Tensor.zeros(n, height, width, c);
        float[] src = images.data(), dst = out.data();
        int o = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < height; y++) {
                int from = ((b * h + top + y) * w + left) * c;
                System.arraycopy(src, from, dst, o, width * c);
                o += width * c;
            }
        }
        return out;
    }

    /**
     * Rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)}, like NumPy slicing.
     *
     * @param colFrom first column
     * @param colTo end column (exclusive)
     * @param images images {@code [N, H, W, C]}
     * @param rowFrom first row
     * @param rowTo end row (exclusive)
     * @return rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)}, like NumPy slicing
     */
    public static Tensor cropRange(Tensor images, int rowFrom, int rowTo, int colFrom, int colTo) {
        return crop(images, rowFrom, colFrom, rowTo - rowFrom, colTo - colFrom);
    }

    /**
     * The largest centred square of the image.
     *
     * @param images images {@code [N, H, W, C]}
     * @return the square, a new tensor
     */
    public static Tensor centerSquare(Tensor images) {
        Shapes.requireRank("centerSquare", images.shape(), 4);
        int h = images.dim(1), w = images.dim(2), s = Math.min(h, w);
        return crop(images, (h - s) / 2, (w - s) / 2, s, s);
    }

    /**
     * Gray from RGB with TensorFlow's weights: {@code 0.2989·R + 0.5870·G + 0.1140·B}
     * ({@code tf.image.rgb_to_grayscale}). One-channel input is returned as is; a fourth (alpha)
     * channel is ignored.
     *
     * @param images images {@code [N, H, W, C]}
     * @return one-channel images
     */
    public static Tensor toGray(Tensor images) {
        Shapes.requireRank("toGray", images.shape(), 4);
        int c = images.dim(3);
        if (c == 1) return images;
        if (c != 3 && c != 4) throw new IllegalArgumentException("toGray: expected 1, 3 or 4 channels, got shape " + Shapes.toString(images.shape()));
        int n = images.dim(0), h = images.dim(1), w = images.dim(2);
        Tensor out = Tensor.zeros(n, h, w, 1);
        float[] s = images.data(), d = out.data();
        for (int p = 0; p < d.length; p++) {
            d[p] = ImageLoader.GRAY_R * s[p * c] + ImageLoader.GRAY_G * s[p * c + 1] + ImageLoader.GRAY_B * s[p * c + 2];
        }
        return out;
    }

    /**
     * Repeats a one-channel image into three channels; 3-channel input is returned as is.
     *
     * @param images images {@code [N, H, W, C]}
     * @return three-channel images
     */
    public static Tensor toRgb(Tensor images) {
        Shapes.requireRank("toRgb", images.shape(), 4);
        int c = images.dim(3);
        if (c == 3) return images;
        int n = images.dim(0), h = images.dim(1), w = images.dim(2);
        Tensor out = Tensor.zeros(n, h, w, 3);
        float[] s = images.data(), d = out.data();
        for (int p = 0; p < n * h * w; p++) {
            if (c == 1) { d[3 * p] = d[3 * p + 1] = d[3 * p + 2] = s[p]; }
            else if (c == 4) System.arraycopy(s, p * 4, d, p * 3, 3);
            else throw new IllegalArgumentException("toRgb: expected 1, 3 or 4 channels, got shape " + Shapes.toString(images.shape()));
        }
        return out;
    }

    /**
     * {@code x · scale + offset} on every value (for a model's own normalisation, e.g. (x − 0.5)·2).
     *
     * @param images images {@code [N, H, W, C]}
     * @param offset the value added after scaling
     * @param scale the factor
     * @return a new tensor
     */
    public static Tensor affine(Tensor images, float scale, float offset) {
        Tensor out = images.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) d[i] = d[i] * scale + offset;
        return out;
    }
}
