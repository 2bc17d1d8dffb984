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
 */
public record Preprocess(int channels, int[] crop, int height, int width, Interpolation interpolation, float scale, float offset) {

    /** The image twice: for display (in [0,1]) and as the model's input. */
    public record Prepared(Tensor shown, Tensor input, String note) {}

    /** Applies the steps to the image file {@code file}. */
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

    /** The bundled emotion model's preparation of the bundled astronaut: face crop, gray, 64x64 bilinear, [-1, 1]. */
    public static Preprocess defaultFace() {
        return new Preprocess(1, new int[]{20, 150, 180, 180}, 64, 64, Interpolation.BILINEAR, 2f, -1f);
    }
}
