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
 * @param mode          {@link Mode#AFFINE} (scale and offset) or one of Keras Applications' per-channel
 *                      conventions, which replace scale and offset
 */
public record Preprocess(int channels, int[] crop, int height, int width, Interpolation interpolation, float scale, float offset, Mode mode) {
    /**
     * How [0, 1] values become the model's input.
     */
    public enum Mode {
        /** {@code x · scale + offset}. */
        AFFINE,
        /** Keras Applications' {@code caffe} mode: RGB to BGR, 0–255, minus the ImageNet mean per channel (103.939, 116.779, 123.68 in BGR). */
        CAFFE,
        /** Keras Applications' {@code torch} mode: [0, 1], minus the ImageNet mean (0.485, 0.456, 0.406), divided by its std (0.229, 0.224, 0.225). */
        TORCH
    }

    /**
     * An affine preparation ({@link Mode#AFFINE}).
     *
     * @param channels      1 (gray), 3 (RGB) or 4 (RGBA); 0 keeps the channels as stored
     * @param crop          {@code {top, left, height, width}}, or null
     * @param height        the model's input height, or 0 for no resize
     * @param width         the model's input width, or 0 for no resize
     * @param interpolation how to resize
     * @param scale         multiplies each [0, 1] value
     * @param offset        is added after the scale
     */
    public Preprocess(int channels, int[] crop, int height, int width, Interpolation interpolation, float scale, float offset) {
        this(channels, crop, height, width, interpolation, scale, offset, Mode.AFFINE);
    }

    /**
     * Normalises a null mode to {@link Mode#AFFINE}.
     */
    public Preprocess {
        if (mode == null) mode = Mode.AFFINE;
    }

    /**
     * {@return a copy with another mode}
     *
     * @param m the mode
     */
    public Preprocess withMode(Mode m) {
        return new Preprocess(channels, crop, height, width, interpolation, scale, offset, m);
    }

    /**
     * {@return the copy with another affine map (mode {@link Mode#AFFINE})}
     *
     * @param s the scale
     * @param o the offset
     */
    public Preprocess withAffine(float s, float o) {
        return new Preprocess(channels, crop, height, width, interpolation, s, o, Mode.AFFINE);
    }

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
     * @throws IllegalArgumentException if the crop window is outside the image, or the file is a model (or JSON), not an image
     */
    public Prepared apply(java.nio.file.Path file) {
        String kind = FileKind.of(file);
        if (FileKind.isModel(kind) || kind != null && kind.equals("a JSON file")) {
            throw new IllegalArgumentException(file + ": this is " + kind + ", not an image; IMAGE is a PNG or JPEG file (MODEL comes first, then IMAGE)");
        }
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
        Tensor input;
        if (mode == Mode.AFFINE) {
            input = scale == 1f && offset == 0f ? t : ImageOps.affine(t, scale, offset);
            note.append(scale == 1f && offset == 0f ? ", values in [0, 1]"
                    : scale == 255f && offset == 0f ? ", raw pixel values 0–255"
                    : String.format(Locale.ROOT, ", values x·%s%s%s (range %s to %s)", fmt(scale), offset < 0 ? " − " : " + ", fmt(Math.abs(offset)),
                    fmt(offset), fmt(offset + scale)));
        } else {
            input = perChannel(t, mode);
            note.append(mode == Mode.CAFFE ? ", caffe: BGR, 0–255 minus the ImageNet mean" : ", torch: [0, 1] minus the ImageNet mean, divided by its std");
        }
        return new Prepared(t, input, note.toString());
    }

    /** Keras Applications' caffe and torch modes on [0, 1] values (1 channel: the mean of the channel constants). */
    static Tensor perChannel(Tensor t, Mode mode) {
        int c = t.dim(3);
        float[] d = t.data().clone();
        float[] mean = mode == Mode.CAFFE ? new float[] {123.68f, 116.779f, 103.939f} : new float[] {0.485f, 0.456f, 0.406f};
        float[] std = mode == Mode.CAFFE ? new float[] {1, 1, 1} : new float[] {0.229f, 0.224f, 0.225f};
        float k = mode == Mode.CAFFE ? 255f : 1f;
        for (int p = 0; p < d.length / c; p++) {
            if (c >= 3) {
                float r = d[p * c], g = d[p * c + 1], b = d[p * c + 2];
                float[] v = {r, g, b};
                for (int ch = 0; ch < 3; ch++) {
                    int src = mode == Mode.CAFFE ? 2 - ch : ch;  // caffe: BGR order
                    d[p * c + ch] = (v[src] * k - mean[src]) / std[src];
                }
            } else {
                for (int ch = 0; ch < c; ch++) d[p * c + ch] = (d[p * c + ch] * k - (mean[0] + mean[1] + mean[2]) / 3) / ((std[0] + std[1] + std[2]) / 3);
            }
        }
        return Tensor.of(d, t.shape());
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * {@return the bundled emotion model's preparation of the bundled astronaut: the face cropped
     * (rows 20–200, columns 150–330), gray, 64x64 bilinear, values in [-1, 1]}
     */
    public static Preprocess defaultFace() {
        return new Preprocess(1, new int[]{20, 150, 180, 180}, 64, 64, Interpolation.BILINEAR, 2f, -1f);
    }
}
