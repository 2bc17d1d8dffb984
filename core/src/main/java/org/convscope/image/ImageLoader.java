package org.convscope.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.convscope.tensor.Tensor;

/**
 * Decodes PNG and JPEG files (and anything else the JDK's ImageIO reads, such as GIF and BMP)
 * into a {@code [1, H, W, C]} float tensor in [0, 1], like TensorFlow's
 * {@code tf.image.convert_image_dtype(tf.io.decode_image(bytes, channels=C), tf.float32)}.
 *
 * <p><b>Scaling</b> (convert_image_dtype): an integer sample {@code v} of {@code b} bits becomes
 * {@code v / (2^b − 1)}: 8-bit images divide by 255, 16-bit PNGs by 65535.
 *
 * <p><b>Channels</b> (decode_image's {@code channels} argument):
 * <ul>
 *   <li>0: as stored — 1 for gray, 2 for gray+alpha, 3 for RGB, 4 for RGBA; palette images give 3
 *   (4 with transparency) unless every palette entry is an opaque gray (1-, 2- and 4-bit gray PNGs
 *   reach us as such palettes), which gives 1.</li>
 *   <li>1: gray. Colour pixels use TensorFlow's {@code rgb_to_grayscale} weights
 *   {@code 0.2989·R + 0.5870·G + 0.1140·B} on the [0,1] values; alpha is dropped.</li>
 *   <li>3: RGB. Alpha is dropped; gray is repeated into R, G and B.</li>
 *   <li>4: RGBA. Opaque images get alpha 1; gray is repeated into R, G and B.</li>
 * </ul>
 * Pixels are read from the raster (never through {@code BufferedImage.getRGB}, which would pass
 * gray images through a colour conversion and change their values).
 *
 * <p>Every failure is an {@link ImageLoadException} whose message names the file and the problem.
 * The dimensions are read from the header and checked before decoding (see {@link #MAX_PIXELS}).
 */
public final class ImageLoader {
    /** TensorFlow's weights for {@code tf.image.rgb_to_grayscale} (ITU-R BT.601 luma, rounded). */
    public static final float GRAY_R = 0.2989f, GRAY_G = 0.5870f, GRAY_B = 0.1140f;

    /** The most pixels (width × height) an image may have: 100 million (for example 10000×10000). */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Rough memory per pixel while decoding: raster (up to 8 bytes) + two float copies of 4 channels. */
    private static final long BYTES_PER_PIXEL = 40;

    private ImageLoader() {}

    /**
     * Loads with the channels as stored (see the class comment).
     *
     * @param file the image file
     * @return {@code [1, H, W, C]} in [0, 1]
     */
    public static Tensor load(Path file) {
        return load(file, 0);
    }

    /**
     * Loads {@code file} as {@code [1,H,W,channels]} in [0,1]; channels is 0, 1, 3 or 4.
     *
     * @param channels 0 (as stored), 1, 3 or 4
     * @param file the image file
     * @return {@code [1, H, W, channels]} in [0, 1]
     */
    public static Tensor load(Path file, int channels) {
        checkChannels(String.valueOf(file), channels);
        byte[] bytes;
        try {
            // checked before opening: a FIFO would block the read, a device (/dev/zero) never end
            if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
                throw new ImageLoadException(String.valueOf(file), "is not a regular file (a FIFO, device or socket)");
            }
            long size = Files.isDirectory(file) ? 0 : Files.size(file);
            long budget = Math.min(Integer.MAX_VALUE - 64, Runtime.getRuntime().maxMemory() / 4);
            if (size > budget) {
                throw new ImageLoadException(String.valueOf(file), "is " + size + " bytes, more than a quarter of this JVM's maximum heap ("
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); raise -Xmx if the image is right");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(file, "no such file", e);
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory, not an image file" : "cannot be read (" + e.getMessage() + ")";
            throw new ImageLoadException(file, why, e);
        }
        return decode(bytes, String.valueOf(file), channels);
    }

    /**
     * Decodes an encoded image held in memory; {@code source} names it in error messages.
     *
     * @param bytes the encoded image (PNG, JPEG, ...)
     * @param channels 0 (as stored), 1, 3 or 4
     * @param source names the image in error messages
     * @return {@code [1, H, W, channels]} in [0, 1]
     */
    public static Tensor decode(byte[] bytes, String source, int channels) {
        checkChannels(source, channels);
        return toTensor(read(bytes, source), source, channels);
    }

    /**
     * Reads the first image of an encoded file with ImageIO, turning every failure into a clear error.
     *
     * @param bytes the encoded image (PNG, JPEG, ...)
     * @param source names the image in error messages
     * @return the decoded image
     */
    public static BufferedImage read(byte[] bytes, String source) {
        if (bytes.length == 0) throw new ImageLoadException(source, "the file is empty, not an image");
        // A MemoryCacheImageInputStream made here, not ImageIO.createImageInputStream: with ImageIO's
        // default (setUseCache(true)) that would cache the stream in an imageio*.tmp file in
        // java.io.tmpdir. Decoding writes nothing anywhere, without changing ImageIO's global setting.
        try (InputStream in = new ByteArrayInputStream(bytes);
             ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageLoadException(source, "not an image in a format convscope can read (PNG or JPEG expected; the first bytes are "
                        + firstBytes(bytes) + ")");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            try {
                reader.setInput(iis, true, true);
                checkDimensions(source, format, reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    // The JPEG reader reports a truncated file as a warning and fills the rest with gray.
                    throw new ImageLoadException(source, "damaged or truncated " + format + " file (" + warnings.get(0) + ")");
                }
                if (image == null) throw new ImageLoadException(source, "the " + format + " decoder returned no image");
                return image;
            } catch (IIOException e) {
                throw new ImageLoadException(source, describeReadFailure(format, e), e);
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageLoadException ile) throw ile;
                throw new ImageLoadException(source, "cannot decode this " + format + " file: " + describe(e), e);
            } catch (OutOfMemoryError e) { // the decoder's own buffers for a damaged file; the image itself was sized above
                throw new ImageLoadException(source, "cannot decode this " + format + " file: the decoder ran out of memory", e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageLoadException(source, "cannot be read (" + describe(e) + ")", e);
        }
    }

    /**
     * Refuses, from the header alone (PNG IHDR, JPEG SOF), an image too large to decode: more than
     * {@link #MAX_PIXELS} pixels, or more than a quarter of the JVM's maximum heap at about 40
     * bytes per pixel (the decoded raster plus two float copies of up to four channels). A small
     * file declaring huge dimensions (a decompression bomb) is refused before any pixel is decoded.
     */
    private static void checkDimensions(String source, String format, int width, int height) {
        if (width <= 0 || height <= 0) throw new ImageLoadException(source, "the " + format + " header declares a " + width + "x" + height + " image");
        long pixels = (long) width * height;
        if (pixels > MAX_PIXELS) {
            throw new ImageLoadException(source, "the " + format + " header declares " + width + "x" + height + " = " + pixels
                    + " pixels, more than the " + MAX_PIXELS + " convscope decodes (a damaged file or a decompression bomb?)");
        }
        long need = pixels * BYTES_PER_PIXEL;
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap / 4) {
            throw new ImageLoadException(source, "the " + format + " image is " + width + "x" + height + " pixels; decoding it needs about "
                    + (need >> 20) + " MiB, more than a quarter of this JVM's " + (heap >> 20) + " MiB heap (raise -Xmx or shrink the image)");
        }
    }

    private static String describeReadFailure(String format, IIOException e) {
        String msg = describe(e);
        if (msg.contains("Unsupported Image Type") || msg.contains("Unsupported JPEG")) {
            return "unsupported colour model in this " + format + " file (CMYK or YCCK JPEGs are not supported; save it as RGB): " + msg;
        }
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        if (root instanceof java.io.EOFException) return "truncated " + format + " file (it ends before the image data does)";
        return "damaged " + format + " file: " + msg;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            if (c.getMessage() != null) sb.append(": ").append(c.getMessage());
            if (c.getCause() == c) break;
        }
        return sb.toString();
    }

    private static String firstBytes(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) sb.append(String.format("%02x", b[i] & 0xff));
        return sb.toString();
    }

    private static void checkChannels(String source, int channels) {
        if (channels != 0 && channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException(source + ": channels must be 0 (as stored), 1, 3 or 4, got " + channels);
        }
    }

    /**
     * Converts a decoded image to {@code [1,H,W,channels]} in [0,1] (see the class comment);
     * {@code source} names it in errors.
     *
     * @param channels 0 (as stored), 1, 3 or 4
     * @param image the decoded image
     * @param source names the image in error messages
     * @return {@code [1, H, W, channels]} in [0, 1]
     */
    public static Tensor toTensor(BufferedImage image, String source, int channels) {
        checkChannels(source, channels);
        Decoded d = samples(image, source);
        int stored = d.channels();
        int out = channels == 0 ? stored : channels;
        int h = d.height(), w = d.width();
        float[] src = d.values();
        Tensor t = Tensor.zeros(1, h, w, out);
        float[] dst = t.data();
        boolean srcColour = stored >= 3, srcAlpha = stored == 2 || stored == 4;
        for (int p = 0; p < h * w; p++) {
            int s = p * stored, o = p * out;
            if (out == stored) {
                System.arraycopy(src, s, dst, o, stored);
                continue;
            }
            float r, g, b;
            if (srcColour) { r = src[s]; g = src[s + 1]; b = src[s + 2]; }
            else { r = g = b = src[s]; }
            float a = srcAlpha ? src[s + stored - 1] : 1f;
            switch (out) {
                case 1 -> dst[o] = srcColour ? GRAY_R * r + GRAY_G * g + GRAY_B * b : r;
                case 3 -> { dst[o] = r; dst[o + 1] = g; dst[o + 2] = b; }
                default -> { dst[o] = r; dst[o + 1] = g; dst[o + 2] = b; dst[o + 3] = a; }
            }
        }
        return t;
    }

    /** Samples in [0,1], interleaved, with the image's own channel count (1, 2, 3 or 4). */
    private record Decoded(int height, int width, int channels, float[] values) {}

    private static Decoded samples(BufferedImage image, String source) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth(), h = image.getHeight();
        int minX = raster.getMinX(), minY = raster.getMinY();
        if (cm instanceof IndexColorModel icm) {
            return palette(icm, raster, w, h, minX, minY);
        }
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        boolean okSpace = (type == ColorSpace.TYPE_GRAY && colours == 1) || (type == ColorSpace.TYPE_RGB && colours == 3);
        if (!okSpace) {
            throw new ImageLoadException(source, "unsupported colour model (" + spaceName(type) + " with "
                    + cm.getNumComponents() + " components); convscope reads gray, RGB, RGBA and palette images");
        }
        int c = cm.getNumComponents();
        if (raster.getNumBands() != c) {
            throw new ImageLoadException(source, "unsupported pixel layout (" + raster.getNumBands() + " bands for " + c + " colour components)");
        }
        float[] max = new float[c];
        for (int b = 0; b < c; b++) max[b] = (float) ((1L << cm.getComponentSize(b)) - 1);
        float[] v = new float[h * w * c];
        int[] row = new int[w * c];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(minX, minY + y, w, 1, row);
            for (int i = 0; i < w * c; i++) v[o++] = row[i] / max[i % c];
        }
        return new Decoded(h, w, c, v);
    }

    private static Decoded palette(IndexColorModel icm, Raster raster, int w, int h, int minX, int minY) {
        int n = icm.getMapSize();
        boolean alpha = icm.hasAlpha() && icm.getTransparency() != java.awt.Transparency.OPAQUE;
        boolean gray = !alpha;
        for (int i = 0; i < n && gray; i++) gray = icm.getRed(i) == icm.getGreen(i) && icm.getGreen(i) == icm.getBlue(i);
        int c = gray ? 1 : alpha ? 4 : 3;
        float[] v = new float[h * w * c];
        int[] idx = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(minX, minY + y, w, 1, 0, idx);
            for (int x = 0; x < w; x++) {
                int i = idx[x];
                v[o++] = icm.getRed(i) / 255f;
                if (gray) continue;
                v[o++] = icm.getGreen(i) / 255f;
                v[o++] = icm.getBlue(i) / 255f;
                if (alpha) v[o++] = icm.getAlpha(i) / 255f;
            }
        }
        return new Decoded(h, w, c, v);
    }

    private static String spaceName(int type) {
        return switch (type) {
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_GRAY -> "gray";
            case ColorSpace.TYPE_RGB -> "RGB";
            default -> "colour space type " + type;
        };
    }
}
