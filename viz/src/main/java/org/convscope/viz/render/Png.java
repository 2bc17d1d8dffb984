package org.convscope.viz.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes PNG files with the JDK's own encoder, headless and deterministic: the same picture gives
 * byte-identical files (8-bit RGB, no time stamp or other metadata, fixed compression settings).
 */
public final class Png {
    private Png() {}

    static {
        Headless.ensure();
    }

    /**
     * {@return the PNG bytes of an image} An image that is not {@code TYPE_INT_RGB} is converted to it
     * first (alpha is dropped).
     *
     * @param image the picture
     * @throws java.io.UncheckedIOException if the encoder fails
     */
    public static byte[] encode(BufferedImage image) {
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image : toRgb(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // not ImageIO.createImageOutputStream: with ImageIO's default disk cache it writes an imageio*.tmp file
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Writes an image as a PNG file, replacing the file if it exists and creating missing parent folders.
     *
     * @param image the picture
     * @param file  where to write
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(BufferedImage image, Path file) {
        byte[] bytes = encode(image);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the PNG (" + e.getMessage() + ")", e);
        }
    }

    private static BufferedImage toRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) rgb.setRGB(x, y, image.getRGB(x, y));
        }
        return rgb;
    }
}
