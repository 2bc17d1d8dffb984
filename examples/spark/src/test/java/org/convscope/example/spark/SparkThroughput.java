package org.convscope.example.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import picocli.CommandLine;

/**
 * Images per second of the Spark job in {@code local[2]} (one GEMM thread per task, Parquet written)
 * against a plain loop in one JVM (decode, prepare, {@code predict} in batches of the same size,
 * the engine's default threads), on the same generated PNGs. Runs alternate between the two after
 * two warm-up runs of each (JIT); prints the median and the range.
 *
 * The input is read as Spark splits it (no repartition: binaryFile packs about 32 small files per
 * partition).
 *
 * <p>Arguments: MODEL RANGE IMAGES SIZE RUNS [BATCH]: the model file, {@code 0:1} or {@code -1:1},
 * how many images, their side in pixels, timed runs, images per model call (default 16).
 */
public final class SparkThroughput {
    private static final int WARM_UPS = 2;

    private SparkThroughput() {}

    /**
     * Runs the measurement.
     *
     * @param args see the class comment
     * @throws IOException if the images cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        String range = args[1];
        int count = Integer.parseInt(args[2]), size = Integer.parseInt(args[3]), runs = Integer.parseInt(args[4]);
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        Path dir = Files.createTempDirectory("convscope-spark-bench");
        Path images = Files.createDirectories(dir.resolve("images"));
        SparkPredictTest.generate(images, count, new Random(7), size, size);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("convscope-spark-throughput")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        JobOptions options = CommandLine.populateCommand(new JobOptions(), "--model", model.toString(), "--input", images.toString(),
                "--output", dir.resolve("out").toString(), "--overwrite", "--range", range, "--batch-size", Integer.toString(batch),
                "--threads-per-task", "1");
        KerasModel m = KerasModel.load(model);
        ImagePreprocessor pre = ImagePreprocessor.forModel(m.inputShape(), range, options.interpolation());
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(images)) {
            for (Path f : s.sorted().toList()) files.add(Files.readAllBytes(f));
        }
        double[] sparkTimes = new double[runs], plainTimes = new double[runs];
        for (int r = -WARM_UPS; r < runs; r++) {
            long t0 = System.nanoTime();
            PredictJob.Counts c = PredictJob.run(spark, options);
            double s = (System.nanoTime() - t0) / 1e9;
            if (c.rows() != count || c.errors() != 0) throw new IllegalStateException("spark wrote " + c);
            t0 = System.nanoTime();
            plainLoop(m, pre, files, batch);
            double p = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s run: spark %.2f s, plain %.2f s%n", r < 0 ? "warm-up" : "timed", s, p);
            if (r >= 0) { sparkTimes[r] = s; plainTimes[r] = p; }
        }
        spark.stop();
        System.out.printf(Locale.ROOT, "%s, %d images of %dx%d, batch %d, %d runs (median, min-max)%n", model.getFileName(), count, size, size, batch, runs);
        report("spark local[2], 1 GEMM thread per task, Parquet written", sparkTimes, count);
        report("plain predict loop, one JVM, default threads", plainTimes, count);
    }

    private static void plainLoop(KerasModel m, ImagePreprocessor pre, List<byte[]> files, int batch) {
        for (int i = 0; i < files.size(); i += batch) {
            List<Tensor> xs = new ArrayList<>();
            for (int j = i; j < Math.min(files.size(), i + batch); j++) xs.add(pre.prepare(files.get(j), "image " + j));
            m.predict(PartitionPredictor.stack(xs));
        }
    }

    private static void report(String what, double[] seconds, int images) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "  %-58s %7.1f images/s (%.1f-%.1f), %6.2f ms per image%n", what,
                images / median, images / s[s.length - 1], images / s[0], 1000 * median / images);
    }
}
