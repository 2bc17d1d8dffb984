package org.convscope.example.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.convscope.keras.KerasModel;

/**
 * The job: load the model on the driver (a model that cannot be loaded fails here, before any
 * task, with convscope's message), broadcast the file's bytes, read the images, run
 * {@link PartitionPredictor} on each partition and write Parquet.
 */
public final class PredictJob {
    private PredictJob() {}

    /**
     * The result rows, not yet computed (Spark is lazy).
     *
     * @param spark   the session
     * @param options the options
     * @return rows of {@link ResultSchema#SCHEMA}
     * @throws org.convscope.keras.KerasLoadException if the model cannot be loaded
     * @throws IllegalArgumentException for a bad option or an unknown layer
     */
    public static Dataset<Row> predictions(SparkSession spark, JobOptions options) {
        options.validate();
        int threads = options.threadsPerTask != null ? options.threadsPerTask : spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        GemmThreads.configure(threads);      // in local mode the driver is the executor
        // a local model is loaded from its own path first, so that a broken file fails with convscope's message naming it
        KerasModel model = options.localModel() != null ? KerasModel.load(options.localModel()) : null;
        byte[] bytes = modelBytes(spark, options);
        if (model == null) model = ExecutorModel.load(bytes, options.modelFileName());
        if (options.layer != null) model.layer(options.layer);   // an unknown layer fails here, listing the layers
        checkClasses(options.classes, model.outputShape());
        ImagePreprocessor pre = ImagePreprocessor.forModel(model.inputShape(), options.range, options.interpolation());

        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        Dataset<Row> images = images(spark, options);
        if (options.partitions > 0) images = images.repartition(options.partitions);
        PartitionPredictor predictor = new PartitionPredictor(shared, options.modelFileName(), pre, options.layer,
                ActivationPooling.parse(options.pool), options.classes, options.batchSize, threads);
        return images.mapPartitions(predictor, Encoders.row(ResultSchema.SCHEMA));
    }

    /**
     * Runs the job and writes the Parquet output.
     *
     * @param spark   the session
     * @param options the options
     * @return rows written and error rows among them
     */
    public static Counts run(SparkSession spark, JobOptions options) {
        Dataset<Row> rows = predictions(spark, options);
        rows.write().mode(options.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(options.output);
        Row counts = spark.read().parquet(options.output).agg(functions.count(functions.lit(1)), functions.count(functions.col(ResultSchema.ERROR))).first();
        return new Counts(counts.getLong(0), counts.getLong(1));
    }

    /**
     * Checks {@code --classes} against the model's output: one name per output value, or two (class
     * 0 first) for a single sigmoid unit.
     *
     * @param classes     the names given (empty: nothing to check)
     * @param outputShape the model's output shape, batch first
     * @throws IllegalArgumentException when the count does not fit
     */
    static void checkClasses(List<String> classes, int[] outputShape) {
        if (classes.isEmpty() || outputShape.length == 0) return;
        int k = outputShape[outputShape.length - 1];
        if (k < 1) return;
        int want = k == 1 ? 2 : k;
        if (classes.size() != want) {
            throw new IllegalArgumentException("--classes: " + classes.size() + " names given, but the model's output " + java.util.Arrays.toString(outputShape)
                    + (k == 1 ? " is one sigmoid unit, a binary classifier: give 2 names, class 0 first" : " has " + k + " classes"));
        }
    }

    /**
     * Prints the first rows of a result table: path (file name), top label or class, top probability
     * and error, one line each, under a header; wide values are cut.
     *
     * @param spark  the session
     * @param output the Parquet table the job wrote
     * @param n      how many rows
     * @param out    where to print
     */
    public static void printRows(SparkSession spark, String output, int n, java.io.PrintStream out) {
        Dataset<Row> t = spark.read().parquet(output);
        List<String> cols = java.util.Arrays.asList(t.columns());
        List<Row> rows = t.orderBy(ResultSchema.PATH).limit(n).collectAsList();
        out.printf(java.util.Locale.ROOT, "%-32s %-12s %8s  %s%n", "file", "top", "prob", "error");
        for (Row r : rows) {
            String path = r.getAs(ResultSchema.PATH);
            String file = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            Object label = cols.contains(ResultSchema.TOP_LABEL) ? r.getAs(ResultSchema.TOP_LABEL) : null;
            Object cls = cols.contains(ResultSchema.TOP_CLASS) ? r.getAs(ResultSchema.TOP_CLASS) : null;
            Object prob = cols.contains(ResultSchema.TOP_PROBABILITY) ? r.getAs(ResultSchema.TOP_PROBABILITY) : null;
            Object err = cols.contains(ResultSchema.ERROR) ? r.getAs(ResultSchema.ERROR) : null;
            out.printf(java.util.Locale.ROOT, "%-32s %-12s %8s  %s%n", cut(file, 32), cut(String.valueOf(label != null ? label : cls != null ? "class " + cls : "-"), 12),
                    prob == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", ((Number) prob).doubleValue()), err == null ? "" : cut(err.toString(), 80));
        }
        long total = t.count();
        if (total > rows.size()) out.println("... " + (total - rows.size()) + " more rows");
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /**
     * What the job wrote.
     *
     * @param rows   rows written (one per input image)
     * @param errors rows with an error
     */
    public record Counts(long rows, long errors) {}

    /** (path, content) rows from a folder of images or a Parquet table. */
    private static Dataset<Row> images(SparkSession spark, JobOptions o) {
        if (o.inputFormat.equalsIgnoreCase("parquet")) {
            return spark.read().parquet(o.input).select(functions.col(o.pathColumn).cast("string").as("path"), functions.col(o.imageColumn).as("content"));
        }
        DataFrameReader r = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (o.glob != null) r = r.option("pathGlobFilter", o.glob);
        return r.load(o.input).select("path", "content");
    }

    /** The model file's bytes, from the local file system or any file system Hadoop knows. */
    private static byte[] modelBytes(SparkSession spark, JobOptions o) {
        try {
            if (o.localModel() != null) return Files.readAllBytes(o.localModel());
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(o.model);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + o.model + ": " + e.getMessage(), e);
        }
    }
}
