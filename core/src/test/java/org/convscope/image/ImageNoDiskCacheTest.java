package org.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: decoding an image writes nothing to the disk. ImageIO's stream API caches a stream in an
 * {@code imageio*.tmp} file when its (global, default on) disk cache is on; {@link ImageLoader}
 * must not. The test turns the cache on, points it at a folder it watches (inotify on Linux), shows
 * that ImageIO's own {@code read(InputStream)} creates a file there, and that decoding PNG and JPEG
 * bytes and files with {@link ImageLoader} creates none.
 */
class ImageNoDiskCacheTest {
    @TempDir Path cache;
    @TempDir Path images;

    private static byte[] encode(String format, int type) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, type);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) img.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | (x + y));
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(s);
            w.write(img);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** The files created in the watched folder since the last call. */
    private static List<String> created(WatchService ws) throws InterruptedException {
        List<String> names = new ArrayList<>();
        WatchKey k;
        while ((k = ws.poll(300, TimeUnit.MILLISECONDS)) != null) {
            k.pollEvents().forEach(e -> names.add(String.valueOf(e.context())));
            k.reset();
        }
        return names;
    }

    @Test
    void decodingWritesNoTemporaryFileEvenWithImageIOsDiskCacheOn() throws Exception {
        byte[] png = encode("png", BufferedImage.TYPE_INT_RGB);
        byte[] jpg = encode("jpg", BufferedImage.TYPE_INT_RGB);
        Path pngFile = Files.write(images.resolve("a.png"), png);
        Path jpgFile = Files.write(images.resolve("a.jpg"), jpg);
        boolean useCache = ImageIO.getUseCache();
        File dir = ImageIO.getCacheDirectory();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            cache.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
            // control: the watch sees ImageIO's cache file
            BufferedImage control = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(40, control.getWidth());
            List<String> seen = created(ws);
            assertTrue(seen.stream().anyMatch(n -> n.startsWith("imageio")), "control: ImageIO.read(InputStream) caches on disk: " + seen);

            Tensor a = ImageLoader.decode(png, "a.png", 3);
            Tensor b = ImageLoader.decode(jpg, "a.jpg", 0);
            Tensor c = ImageLoader.load(pngFile, 3);
            ImageLoader.load(jpgFile);
            assertArrayEquals(new int[] {1, 30, 40, 3}, a.shape());
            assertArrayEquals(new int[] {1, 30, 40, 3}, b.shape());
            assertArrayEquals(a.data(), c.data());
            assertEquals(List.of(), created(ws), "ImageLoader wrote files");
            try (var s = Files.list(cache)) {
                assertEquals(0, s.count(), "nothing left in the cache folder");
            }
        } finally {
            ImageIO.setUseCache(useCache);
            ImageIO.setCacheDirectory(dir);
        }
    }

    @Test
    void aFifoOrADeviceIsRefusedWithoutOpeningIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"));
        Path fifo = images.resolve("face.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo works");
        Path zero = Files.createSymbolicLink(images.resolve("zero.jpg"), Path.of("/dev/zero"));
        for (Path x : new Path[] {fifo, zero}) {
            ImageLoadException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                    () -> org.junit.jupiter.api.Assertions.assertThrows(ImageLoadException.class, () -> ImageLoader.load(x)));
            assertTrue(e.getMessage().contains(x.toString()) && e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }
}
