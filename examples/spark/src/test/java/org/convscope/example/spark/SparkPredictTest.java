package org.convscope.example.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job in local[2] on a few hundred images (generated PNGs of random sizes and content, the
 * fixture photographs, a corrupt and a truncated file): every row equals {@link KerasModel#predict} on
 * the same tensor in this JVM, float for float, and bad images (random bytes, a truncated PNG) are
 * error rows. One Spark session for
 * all tests (its start-up is most of the cost).
 */
class SparkPredictTest {
    static final Path FIXTURES = Path.of(System.getProperty("convscope.fixtures", "../../../shared/fixtures"));
    static final Path EMOTION = FIXTURES.resolve("trained/fer2013_big_XCEPTION.54-0.66.hdf5");
    static final Path CONVNET = FIXTURES.resolve("keras3/convnet_512.h5");
    static final int GENERATED = 300;
    static final List<String> CLASSES = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

    @TempDir static Path dir;
    static SparkSession spark;
    static Path images;
    static KerasModel emotion;
    static String layer;
    static Map<String, Row> rows;

    @BeforeAll
    static void runJobOnce() throws IOException {
        images = Files.createDirectories(dir.resolve("images/nested"));
        generate(images, GENERATED, new Random(14));
        for (String f : List.of("astronaut.png", "chelsea.png", "rocket.jpg")) Files.copy(FIXTURES.resolve("images").resolve(f), images.resolve(f));
        byte[] junk = new byte[500];
        new Random(1).nextBytes(junk);
        Files.write(images.resolve("corrupt.png"), junk);
        // a PNG cut short (Spark's file source skips empty files altogether, so they give no row)
        Files.write(images.resolve("truncated.png"), java.util.Arrays.copyOf(Files.readAllBytes(FIXTURES.resolve("images/astronaut.png")), 3000));

        emotion = KerasModel.load(EMOTION);
        layer = lastConv(emotion);
        spark = SparkSession.builder().master("local[2]").appName("convscope-spark-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        JobOptions o = options("--model", EMOTION.toString(), "--input", images.getParent().toString(), "--output", dir.resolve("out").toString(),
                "--range", "-1:1", "--layer", layer, "--batch-size", "16", "--threads-per-task", "1",
                "--classes", String.join(",", CLASSES));
        long t0 = System.nanoTime();
        PredictJob.Counts c = PredictJob.run(spark, o);
        System.out.printf("spark job: %d rows, %d errors, %.1f s%n", c.rows(), c.errors(), (System.nanoTime() - t0) / 1e9);
        rows = byFileName(spark.read().parquet(dir.resolve("out").toString()));
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void everyImageHasOneRowAndEqualsPredictExactly() throws IOException {
        assertEquals(GENERATED + 3 + 2, rows.size());
        ImagePreprocessor pre = ImagePreprocessor.forModel(emotion.inputShape(), "-1:1", org.convscope.image.Interpolation.BILINEAR);
        int checked = 0;
        try (Stream<Path> files = Files.list(images)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("corrupt.png") || name.equals("truncated.png")) continue;
                Row r = rows.get(name);
                assertNull(r.getAs(ResultSchema.ERROR), name);
                Tensor x = pre.prepare(Files.readAllBytes(f), name);
                float[] expected = emotion.predict(x).data();
                assertArrayEquals(expected, floats(r.getList(r.fieldIndex(ResultSchema.PROBABILITIES))), name);
                int top = r.getAs(ResultSchema.TOP_CLASS);
                assertEquals(expected[top], (float) r.getAs(ResultSchema.TOP_PROBABILITY), 0f, name);
                for (float p : expected) assertTrue(p <= expected[top]);
                float[] pooled = ActivationPooling.AVG.pool(emotion.activations(x, layer).get(layer), 0);
                assertArrayEquals(pooled, floats(r.getList(r.fieldIndex(ResultSchema.EMBEDDING))), name);
                checked++;
            }
        }
        assertEquals(GENERATED + 3, checked);
        Row chelsea = rows.get("chelsea.png");
        assertEquals(CLASSES.get(chelsea.<Integer>getAs(ResultSchema.TOP_CLASS)), chelsea.getAs(ResultSchema.TOP_LABEL));
    }

    @Test
    void badImagesAreErrorRowsNotFailures() {
        for (String bad : List.of("corrupt.png", "truncated.png")) {
            Row r = rows.get(bad);
            String error = r.getAs(ResultSchema.ERROR);
            assertNotNull(error, bad);
            assertTrue(error.contains(bad), error);
            assertNull(r.getAs(ResultSchema.PROBABILITIES));
            assertNull(r.getAs(ResultSchema.TOP_CLASS));
        }
    }

    @Test
    void aModelThatCannotBeLoadedFailsFastWithItsMessage() throws IOException {
        Path broken = dir.resolve("broken.h5");
        Files.write(broken, "not an HDF5 file".getBytes());
        Path out = dir.resolve("never-written");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> PredictJob.run(spark, options("--model", broken.toString(), "--input", images.toString(), "--output", out.toString())));
        assertTrue(e.getMessage().contains("broken.h5"), e.getMessage());
        assertTrue(e instanceof org.convscope.keras.KerasLoadException, e.toString());
        assertTrue(Files.notExists(out));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PredictJob.predictions(spark, options("--model", EMOTION.toString(), "--input", images.toString(), "--output", out.toString(), "--layer", "nope")));
        assertTrue(unknown.getMessage().contains(layer), unknown.getMessage());
    }

    @Test
    void parquetInputAndAnRgbModelGiveTheSameAsPredict() throws IOException {
        // a Parquet table with an image column, run through convnet_512 (512x512 RGB, [0, 1])
        List<Path> files = List.of(FIXTURES.resolve("images/astronaut.png"), FIXTURES.resolve("images/chelsea.png"),
                FIXTURES.resolve("images/rocket.jpg"), images.resolve("img-0007.png"));
        Path table = dir.resolve("table");
        spark.read().format("binaryFile").load(files.stream().map(Path::toString).toArray(String[]::new))
                .selectExpr("path as name", "content as image").coalesce(1).write().parquet(table.toString());
        Path out = dir.resolve("out-rgb");
        PredictJob.run(spark, options("--model", CONVNET.toString(), "--input", table.toString(), "--input-format", "parquet",
                "--path-column", "name", "--image-column", "image", "--output", out.toString(), "--batch-size", "3", "--partitions", "2"));
        Map<String, Row> got = byFileName(spark.read().parquet(out.toString()));
        KerasModel convnet = KerasModel.load(CONVNET);
        ImagePreprocessor pre = ImagePreprocessor.forModel(convnet.inputShape(), "0:1", org.convscope.image.Interpolation.BILINEAR);
        assertEquals(files.size(), got.size());
        for (Path f : files) {
            String name = f.getFileName().toString();
            float[] expected = convnet.predict(pre.prepare(Files.readAllBytes(f), name)).data();
            Row r = got.get(name);
            assertArrayEquals(expected, floats(r.getList(r.fieldIndex(ResultSchema.PROBABILITIES))), name);
            assertNull(r.getAs(ResultSchema.EMBEDDING));
        }
    }

    static JobOptions options(String... args) {
        return CommandLine.populateCommand(new JobOptions(), args);
    }

    static Map<String, Row> byFileName(Dataset<Row> table) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : table.collectAsList()) {
            String p = r.getAs(ResultSchema.PATH);
            assertNull(m.put(p.substring(p.lastIndexOf('/') + 1), r), "two rows for " + p);
        }
        return m;
    }

    static float[] floats(List<Float> l) {
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) f[i] = l.get(i);
        return f;
    }

    static String lastConv(KerasModel m) {
        String last = null;
        for (String n : m.layerNames()) if (m.layer(n).kerasClass().endsWith("Conv2D")) last = n;
        return last;
    }

    /** PNGs of random sizes (8 to 220 pixels a side), gray or RGB, smooth gradients plus noise. */
    static void generate(Path folder, int count, Random rnd) throws IOException {
        generate(folder, count, rnd, 0, 0);
    }

    /** PNGs of {@code w x h} pixels (random sizes when 0), gray or RGB, smooth gradients plus noise. */
    static void generate(Path folder, int count, Random rnd, int width, int height) throws IOException {
        for (int i = 0; i < count; i++) {
            int w = width > 0 ? width : 8 + rnd.nextInt(213), h = height > 0 ? height : 8 + rnd.nextInt(213);
            boolean gray = rnd.nextInt(3) == 0;
            BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            int[] base = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
            double fx = rnd.nextDouble() * 0.2, fy = rnd.nextDouble() * 0.2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (int) (127 * Math.sin(fx * x + fy * y)) + rnd.nextInt(40);
                    int r = clamp(base[0] + v), g = clamp(base[1] - v), b = clamp(base[2] + v / 2);
                    img.setRGB(x, y, gray ? (r << 16) | (r << 8) | r : (r << 16) | (g << 8) | b);
                }
            }
            ImageIO.write(img, "png", folder.resolve(String.format("img-%04d.png", i)).toFile());
        }
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}
