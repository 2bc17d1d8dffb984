package org.convscope.viz.model;

import java.util.Locale;
import org.convscope.image.ImageLoader;
import org.convscope.image.ImageOps;
import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.tensor.Tensor;

/**
 * How an image file becomes a model input, step by step:
 * <ol>
 *   <li>decode to [0, 1] with {@code channels} channels ({@link ImageLoader}; gray uses TensorFlow's weights);</li>
 *   <li>crop the window {@code crop = {top, left, height, width}} if given;</li>
 *   <li>resize to {@code height x width} ({@link Resize}, like {@code tf.image.resize}) if given (&gt; 0);</li>
 *   <li>map [0, 1] to the model's range: {@code x · scale + offset} ({@code [-1, 1]}: scale 2, offset −1,
 *   the same as {@code (x − 0.5) · 2}).</li>
 * </ol>
 *
 * @param channels      1 (gray), 3 (RGB) or 4 (RGBA); 0 keeps the channels as stored
 * @param crop          {@code {top, left, height, width}} in pixels of the decoded image, or null
 *                      for no crop (the array is kept, not copied)
 * @param height        the model's input height, or 0 for no resize
 * @param width         the model's input width, or 0 for no resize
 * @param interpolation how to resize
 * @param scale         multiplies each [0, 1] value
 * @param offset        is added after the scale
 */
public record Preprocess(int channels, int[] crop, int height, int width, Interpolation interpolation, float scale, float offset) {

    /**
     * The image twice: for display and as the model's input.
     *
     * @param shown the cropped and resized image in [0, 1], {@code [1, H, W, C]}
     * @param input what the model is fed: {@code shown} mapped to the model's range (the same tensor
     *              when scale is 1 and offset 0)
     * @param note  one line saying what was done, e.g. "astronaut.png (512×512), gray, cropped to …"
     */
    public record Prepared(Tensor shown, Tensor input, String note) {}

    /**
     * Applies the steps to an image file.
     *
     * @param file a PNG or JPEG file
     * @return the image for display and for the model
     * @throws org.convscope.image.ImageLoadException naming the file when it is missing, unreadable
     *                                                or not a decodable image
     * @throws IllegalArgumentException if the crop window is outside the image
     */
    public Prepared apply(java.nio.file.Path file) {
        Tensor t = ImageLoader.load(file, channels);
        int h0 = t.dim(1), w0 = t.dim(2);
        StringBuilder note = new StringBuilder(file.getFileName() + " (" + w0 + "×" + h0 + ")");
        note.append(channels == 1 ? ", gray" : "");
        if (crop != null) {
            t = ImageOps.crop(t, crop[0], crop[1], crop[2], crop[3]);
            note.append(String.format(Locale.ROOT, ", cropped to rows %d–%d, columns %d–%d", crop[0], crop[0] + crop[2], crop[1], crop[1] + crop[3]));
        }
        if (height > 0 && width > 0 && (height != t.dim(1) || width != t.dim(2))) {
            t = Resize.resize(t, height, width, interpolation);
            note.append(", resized to ").append(width).append("×").append(height).append(' ').append(interpolation.name().toLowerCase(Locale.ROOT));
        }
        Tensor input = scale == 1f && offset == 0f ? t : ImageOps.affine(t, scale, offset);
        note.append(scale == 1f && offset == 0f ? ", values in [0, 1]" : String.format(Locale.ROOT, ", values x·%s%s%s", fmt(scale), offset < 0 ? " − " : " + ", fmt(Math.abs(offset))));
        return new Prepared(t, input, note.toString());
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
    }

    /**
     * {@return the bundled emotion model's preparation of the bundled astronaut: the face cropped
     * (rows 20–200, columns 150–330), gray, 64x64 bilinear, values in [-1, 1]}
     */
    public static Preprocess defaultFace() {
        return new Preprocess(1, new int[]{20, 150, 180, 180}, 64, 64, Interpolation.BILINEAR, 2f, -1f);
    }
}
