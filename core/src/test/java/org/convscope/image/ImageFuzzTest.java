package org.convscope.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken images: headers declaring huge dimensions are refused before decoding, and
 * seeded truncations (at every PNG chunk and JPEG marker), bit flips and overwritten runs give
 * either an image or an {@link ImageLoadException} naming the file, within a time limit.
 */
class ImageFuzzTest {
    private static final int CASES = 600;
    @TempDir Path dir;

    private static byte[] encode(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | r.nextInt(64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    /** A PNG whose IHDR declares w × h (CRC recomputed, so only the size is wrong). */
    static byte[] pngDeclaring(byte[] png, int w, int h) {
        byte[] b = png.clone();
        int32(b, 16, w);
        int32(b, 20, h);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        int32(b, 29, (int) crc.getValue());
        return b;
    }

    private static void int32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    /** A JPEG whose baseline SOF0 declares w × h. */
    static byte[] jpegDeclaring(byte[] jpg, int w, int h) {
        byte[] b = jpg.clone();
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xC0) {
                b[i + 5] = (byte) (h >>> 8);
                b[i + 6] = (byte) h;
                b[i + 7] = (byte) (w >>> 8);
                b[i + 8] = (byte) w;
                return b;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeDecoding() throws Exception {
        byte[] png = encode("png", 40, 30);
        byte[] jpg = encode("jpg", 40, 30);
        Object[][] bombs = {
                {"huge.png", pngDeclaring(png, 100_000, 100_000)},
                {"wide.png", pngDeclaring(png, Integer.MAX_VALUE, 1 << 10)},
                {"huge.jpg", jpegDeclaring(jpg, 65_535, 65_535)}};
        for (Object[] bomb : bombs) {
            Path p = Files.write(dir.resolve((String) bomb[0]), (byte[]) bomb[1]);
            long start = System.nanoTime();
            ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.load(p));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("pixels"), e.getMessage());
            assertTrue(ms < 2000, "refused from the header, not after decoding: " + ms + " ms");
        }
        // the intact files still load
        assertEquals(30, ImageLoader.decode(png, "ok.png", 3).shape()[1]);
        assertEquals(40, ImageLoader.decode(jpg, "ok.jpg", 3).shape()[2]);
    }

    @Test
    void damagedImagesGiveAnImageOrTheLoadersError() throws Exception {
        byte[][] originals = {encode("png", 96, 64), encode("jpg", 96, 64)};
        String[] names = {"f.png", "f.jpg"};
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int decoded = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int n = 0; n < CASES; n++) {
                SplittableRandom r = new SplittableRandom(2026L ^ (n * 0x9E37_79B9_7F4A_7C15L));
                int which = n % 2;
                byte[] bad = mutate(originals[which], which == 0, r);
                Path p = Files.write(dir.resolve(n + names[which]), bad);
                Future<Object> f = worker.submit(() -> {
                    try {
                        Tensor t = ImageLoader.load(p, 3);
                        return t.shape()[0] == 1 && t.shape()[3] == 3 ? "ok" : "shape " + Arrays.toString(t.shape());
                    } catch (ImageLoadException e) {
                        return e.getMessage().startsWith(p.toString()) ? "refused" : "message does not name the file: " + e.getMessage();
                    } catch (Throwable t) { // anything else is the failure this test looks for
                        return t;
                    }
                });
                Object o;
                try {
                    o = f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    failures.add("case " + n + ": over 10 s");
                    break;
                }
                if ("ok".equals(o)) decoded++;
                else if ("refused".equals(o)) refused++;
                else failures.add("case " + n + " (" + names[which] + "): " + o);
                Files.delete(p);
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("IMAGE FUZZ " + CASES + " cases: " + decoded + " decoded, " + refused + " refused, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(refused > CASES / 10 && decoded > 0, decoded + " decoded, " + refused + " refused");
    }

    /** Truncation at a chunk/marker boundary, bit flips, or an overwritten run. */
    private static byte[] mutate(byte[] b, boolean png, SplittableRandom r) {
        List<Integer> marks = png ? pngChunks(b) : jpegMarkers(b);
        byte[] out = b.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                int m = marks.get(r.nextInt(marks.size())) + r.nextInt(-1, 9);
                return Arrays.copyOf(b, Math.clamp(m, 0, b.length - 1));
            }
            case 1 -> {
                for (int i = 0, k = 1 + r.nextInt(4); i < k; i++) out[r.nextInt(Math.min(b.length, 400))] ^= (byte) (1 << r.nextInt(8));
            }
            case 2 -> {
                int at = marks.get(r.nextInt(marks.size())) + r.nextInt(16);
                for (int i = 0, k = 1 + r.nextInt(8); i < k && at + i < b.length; i++) out[at + i] = (byte) (r.nextBoolean() ? 0xFF : r.nextInt(256));
            }
            default -> {
                int at = r.nextInt(b.length);
                for (int i = 0, k = 1 + r.nextInt(32); i < k && at + i < b.length; i++) out[at + i] = (byte) r.nextInt(256);
            }
        }
        return out;
    }

    private static List<Integer> pngChunks(byte[] b) {
        List<Integer> at = new ArrayList<>(List.of(0, 8));
        for (int i = 8; i + 8 <= b.length; ) {
            long len = ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            i += (int) (12 + len);
            at.add(Math.min(i, b.length - 1));
        }
        return at;
    }

    private static List<Integer> jpegMarkers(byte[] b) {
        List<Integer> at = new ArrayList<>(List.of(0));
        for (int i = 0; i + 1 < b.length; i++) if ((b[i] & 0xff) == 0xFF && b[i + 1] != 0 && (b[i + 1] & 0xff) != 0xFF) at.add(i);
        return at;
    }
}
