package org.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding images written by ImageIO in a temporary folder, against values derived by hand. */
class ImageLoaderTest {
    @TempDir Path dir;

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), "ImageIO wrote " + name);
        return p;
    }

    private static void assertValues(float[] expected, Tensor t, float tol, String what) {
        float[] a = t.data();
        assertEquals(expected.length, a.length, what + ": size");
        float max = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            float d = Math.abs(a[i] - expected[i]);
            if (d > tol && first < 0) first = i;
            max = Math.max(max, d);
        }
        if (first >= 0) {
            throw new AssertionError(what + ": first mismatch at " + first + " expected " + expected[first] + " got " + a[first]
                    + ", max err " + max + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(a));
        }
    }

    private static float[] div(float d, float... v) {
        float[] r = v.clone();
        for (int i = 0; i < r.length; i++) r[i] /= d;
        return r;
    }

    @Test
    void gray8BitPngIsScaledBy255AndRepeatedForThreeChannels() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setPixels(0, 0, 2, 2, new int[]{0, 51, 255, 128});
        Path p = write(img, "png", "gray.png");
        Tensor t = ImageLoader.load(p);
        assertArrayEquals(new int[]{1, 2, 2, 1}, t.shape());
        assertValues(div(255, 0, 51, 255, 128), t, 0, "gray as stored");
        assertValues(div(255, 0, 51, 255, 128), ImageLoader.load(p, 1), 0, "gray channels=1");
        assertValues(div(255, 0, 0, 0, 51, 51, 51, 255, 255, 255, 128, 128, 128), ImageLoader.load(p, 3), 0, "gray channels=3");
    }

    @Test
    void rgbPngKeepsChannelOrderAndGraysWithTensorFlowWeights() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x00FF00);
        img.setRGB(0, 1, 0x0000FF);
        img.setRGB(1, 1, 0x0A141E); // (10, 20, 30)
        Path p = write(img, "png", "rgb.png");
        Tensor t = ImageLoader.load(p);
        assertArrayEquals(new int[]{1, 2, 2, 3}, t.shape());
        assertValues(div(255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30), t, 0, "rgb");
        // gray = 0.2989 R + 0.5870 G + 0.1140 B on [0,1] values
        float last = (0.2989f * 10 + 0.5870f * 20 + 0.1140f * 30) / 255f;
        assertValues(new float[]{0.2989f, 0.5870f, 0.1140f, last}, ImageLoader.load(p, 1), 1e-6f, "rgb channels=1");
    }

    @Test
    void rgbaPngKeepsAlphaAsStoredAndDropsItForThreeChannels() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x80FF0000); // red, alpha 128
        img.setRGB(1, 0, 0xFF102030); // opaque (16, 32, 48)
        Path p = write(img, "png", "rgba.png");
        Tensor t = ImageLoader.load(p);
        assertArrayEquals(new int[]{1, 1, 2, 4}, t.shape());
        assertValues(div(255, 255, 0, 0, 128, 16, 32, 48, 255), t, 0, "rgba as stored");
        assertValues(div(255, 255, 0, 0, 16, 32, 48), ImageLoader.load(p, 3), 0, "rgba channels=3");
        assertValues(new float[]{0.2989f, (0.2989f * 16 + 0.5870f * 32 + 0.1140f * 48) / 255f}, ImageLoader.load(p, 1), 1e-6f, "rgba channels=1");
    }

    @Test
    void palettePngIsExpandedThroughItsPalette() throws IOException {
        byte[] r = {(byte) 255, 0, 0, 100}, g = {0, (byte) 255, 0, (byte) 150}, b = {0, 0, (byte) 255, (byte) 200};
        IndexColorModel icm = new IndexColorModel(2, 4, r, g, b);
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY, icm);
        img.getRaster().setSamples(0, 0, 2, 2, 0, new int[]{3, 2, 1, 0});
        Path p = write(img, "png", "palette.png");
        assertTrue(ImageIO.read(p.toFile()).getColorModel() instanceof IndexColorModel, "the written PNG is a palette PNG");
        Tensor t = ImageLoader.load(p);
        assertArrayEquals(new int[]{1, 2, 2, 3}, t.shape());
        assertValues(div(255, 100, 150, 200, 0, 0, 255, 0, 255, 0, 255, 0, 0), t, 0, "palette");
    }

    @Test
    void oneBitGrayPngGivesOneChannelOfZerosAndOnes() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        img.getRaster().setSamples(0, 0, 3, 1, 0, new int[]{1, 0, 1});
        Tensor t = ImageLoader.load(write(img, "png", "bits.png"));
        assertArrayEquals(new int[]{1, 1, 3, 1}, t.shape());
        assertValues(new float[]{1, 0, 1}, t, 0, "1-bit gray");
    }

    @Test
    void sixteenBitPngsAreScaledBy65535() throws IOException {
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setPixels(0, 0, 2, 2, new int[]{0, 65535, 1000, 30000});
        Tensor t = ImageLoader.load(write(gray, "png", "gray16.png"));
        assertValues(div(65535, 0, 65535, 1000, 30000), t, 0, "16-bit gray");

        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[]{16, 16, 16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixels(0, 0, 2, 1, new int[]{65535, 0, 257, 12345, 54321, 1});
        BufferedImage rgb = new BufferedImage(cm, raster, false, null);
        Tensor t3 = ImageLoader.load(write(rgb, "png", "rgb16.png"));
        assertArrayEquals(new int[]{1, 1, 2, 3}, t3.shape());
        assertValues(div(65535, 65535, 0, 257, 12345, 54321, 1), t3, 0, "16-bit rgb");
    }

    @Test
    void jpegDecodesCloseToItsFlatColour() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) img.setRGB(x, y, 0xC86432); // (200, 100, 50)
        Tensor t = ImageLoader.load(write(img, "jpg", "flat.jpg"));
        assertArrayEquals(new int[]{1, 16, 16, 3}, t.shape());
        float[] expected = new float[16 * 16 * 3];
        for (int i = 0; i < 256; i++) { expected[3 * i] = 200 / 255f; expected[3 * i + 1] = 100 / 255f; expected[3 * i + 2] = 50 / 255f; }
        assertValues(expected, t, 4 / 255f, "flat JPEG (lossy: within 4/255)");
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("nope.png");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void randomBytesAreNotAnImage() throws IOException {
        Path p = dir.resolve("noise.png");
        byte[] b = new byte[500];
        new Random(1).nextBytes(b);
        b[0] = 'x';
        Files.write(p, b);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("not an image"), e.getMessage());
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        return img;
    }

    @Test
    void truncatedPngIsReported() throws IOException {
        Path full = write(noise(64, 64, 2), "png", "full.png");
        byte[] b = Files.readAllBytes(full);
        Path p = Files.write(dir.resolve("cut.png"), Arrays.copyOf(b, b.length / 2));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("PNG")
                && (e.getMessage().contains("truncated") || e.getMessage().contains("damaged")), e.getMessage());
    }

    @Test
    void truncatedJpegIsReported() throws IOException {
        Path full = write(noise(64, 64, 3), "jpg", "full.jpg");
        byte[] b = Files.readAllBytes(full);
        Path p = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(b, b.length / 2));
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("JPEG")
                && (e.getMessage().contains("truncated") || e.getMessage().contains("damaged")), e.getMessage());
    }

    @Test
    void cmykJpegIsAnUnsupportedColourModel() throws IOException {
        // ImageIO writes a bare 4-band raster as a 4-component JPEG, which readers take for CMYK.
        byte[] jpeg;
        try {
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, new Point(0, 0));
            for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) raster.setPixel(x, y, new int[]{10, 200, 30, 40});
            Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter w = it.next();
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bos)) {
                w.setOutput(out);
                w.write(null, new IIOImage(raster, null, null), null);
            }
            w.dispose();
            jpeg = bos.toByteArray();
        } catch (IOException | RuntimeException e) {
            Assumptions.abort("this JDK cannot write a 4-component JPEG to test with: " + e);
            return;
        }
        Path p = Files.write(dir.resolve("cmyk.jpg"), jpeg);
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("unsupported colour model"), e.getMessage());
    }

    @Test
    void rejectsTwoChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageLoader.load(dir.resolve("a.png"), 2));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
