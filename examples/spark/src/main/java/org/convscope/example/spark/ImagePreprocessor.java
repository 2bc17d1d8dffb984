package org.convscope.example.spark;

import java.io.Serializable;
import org.convscope.image.ImageLoader;
import org.convscope.image.ImageOps;
import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.tensor.Tensor;

/**
 * How one encoded image becomes one model input: decode to [0, 1] with the model's channels (gray
 * with TensorFlow's weights), resize to the model's input size like {@code tf.image.resize}, then
 * {@code x · scale + offset} ({@code [-1, 1]}: scale 2, offset −1). The same steps, in the same
 * order, as convscope-viz's {@code Preprocess} without a crop. The job and its test both call
 * {@link #prepare}, so they feed the model identical tensors.
 *
 * @param channels      1 (gray) or 3 (RGB)
 * @param height        the model's input height
 * @param width         the model's input width
 * @param interpolation how to resize
 * @param scale         multiplies each [0, 1] value
 * @param offset        is added after the scale
 */
public record ImagePreprocessor(int channels, int height, int width, Interpolation interpolation, float scale, float offset)
        implements Serializable {

    /**
     * The preparation a model needs, from its input shape {@code [N, H, W, C]}.
     *
     * @param inputShape    the model's input shape (batch first)
     * @param range         {@code 0:1} or {@code -1:1}
     * @param interpolation how to resize
     * @return the preprocessor
     * @throws IllegalArgumentException if the model does not take images of fixed size or the range is unknown
     */
    public static ImagePreprocessor forModel(int[] inputShape, String range, Interpolation interpolation) {
        if (inputShape.length != 4 || inputShape[1] <= 0 || inputShape[2] <= 0 || (inputShape[3] != 1 && inputShape[3] != 3)) {
            throw new IllegalArgumentException("the model's input " + java.util.Arrays.toString(inputShape)
                    + " is not a fixed-size gray or RGB image [N, H, W, 1|3]");
        }
        float scale, offset;
        switch (range) {
            case "0:1" -> { scale = 1f; offset = 0f; }
            case "-1:1" -> { scale = 2f; offset = -1f; }
            default -> throw new IllegalArgumentException("--range must be 0:1 or -1:1, got '" + range + "'");
        }
        return new ImagePreprocessor(inputShape[3], inputShape[1], inputShape[2], interpolation, scale, offset);
    }

    /**
     * Decodes and prepares one image.
     *
     * @param bytes  the encoded image (PNG, JPEG, ...)
     * @param source names the image in error messages
     * @return {@code [1, height, width, channels]}
     * @throws org.convscope.image.ImageLoadException if the bytes are not a decodable image
     */
    public Tensor prepare(byte[] bytes, String source) {
        Tensor t = ImageLoader.decode(bytes, source, channels);
        if (height != t.dim(1) || width != t.dim(2)) t = Resize.resize(t, height, width, interpolation);
        return scale == 1f && offset == 0f ? t : ImageOps.affine(t, scale, offset);
    }
}
