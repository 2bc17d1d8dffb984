package org.convscope.example.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convscope.image.Interpolation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The job's command-line options (picocli). */
@Command(name = "convscope-spark", mixinStandardHelpOptions = true,
        description = "Runs a Keras model with convscope over an image collection on Apache Spark and writes Parquet rows: "
                + "path, top class and probabilities, optionally a layer's pooled activations, and an error column for bad images.")
public final class JobOptions {
    @Option(names = "--model", required = true, description = "Keras model file (.h5/.hdf5/.keras); a local path or a Hadoop URI (hdfs://, s3a://, file:)")
    String model;

    @Option(names = "--input", required = true, description = "a folder of images (read recursively with Spark's binaryFile source) or, with --input-format parquet, a Parquet table")
    String input;

    @Option(names = "--input-format", defaultValue = "binaryFile", description = "binaryFile or parquet (default: ${DEFAULT-VALUE})")
    String inputFormat;

    @Option(names = "--image-column", defaultValue = "content", description = "Parquet input: the column holding the encoded images (default: ${DEFAULT-VALUE})")
    String imageColumn;

    @Option(names = "--path-column", defaultValue = "path", description = "Parquet input: the column naming each image (default: ${DEFAULT-VALUE})")
    String pathColumn;

    @Option(names = "--glob", description = "binaryFile input: only files whose name matches, e.g. '*.{png,jpg,jpeg}' (default: every file)")
    String glob;

    @Option(names = "--output", required = true, description = "the Parquet folder to write")
    String output;

    @Option(names = "--overwrite", description = "replace the output folder if it exists")
    boolean overwrite;

    @Option(names = "--layer", description = "also write this layer's activations, pooled per channel, as the 'embedding' column")
    String layer;

    @Option(names = "--pool", defaultValue = "avg", description = "how --layer's maps are pooled: avg or max (default: ${DEFAULT-VALUE})")
    String pool;

    @Option(names = "--batch-size", defaultValue = "32", description = "images per model call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--threads-per-task", description = "GEMM threads per task (convscope.threads; default: spark.task.cpus, i.e. 1)")
    Integer threadsPerTask;

    @Option(names = "--range", defaultValue = "0:1", description = "the model's input range: 0:1 or -1:1 (default: ${DEFAULT-VALUE}; the emotion model needs -1:1)")
    String range;

    @Option(names = "--resize", defaultValue = "bilinear", description = "nearest or bilinear, like tf.image.resize (default: ${DEFAULT-VALUE})")
    String resize;

    @Option(names = "--show", defaultValue = "5", description = "print the first N result rows at the end (default: ${DEFAULT-VALUE}; 0 = none)")
    int show;

    @Option(names = "--classes", split = ",", description = "class names for top_label, comma-separated; as many as the output has classes "
            + "(two, class 0 first, for a single sigmoid unit)")
    List<String> classes = new ArrayList<>();

    @Option(names = "--partitions", defaultValue = "0", description = "repartition the input into this many partitions (default: as read)")
    int partitions;

    @Option(names = "--master", description = "Spark master when not started by spark-submit, e.g. local[2] (default: local[*])")
    String master;

    /** {@return the model's file name, with its extension} */
    String modelFileName() {
        String s = model.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** {@return the model as a local path, or null when it is a URI with a scheme} */
    Path localModel() {
        return model.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? null : Path.of(model);
    }

    /** {@return the interpolation named by --resize} */
    Interpolation interpolation() { return Interpolation.parse(resize); }

    /** Checks the values picocli cannot. */
    void validate() {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (threadsPerTask != null && threadsPerTask < 1) throw new IllegalArgumentException("--threads-per-task must be >= 1, got " + threadsPerTask);
        if (!inputFormat.equalsIgnoreCase("binaryFile") && !inputFormat.equalsIgnoreCase("parquet")) {
            throw new IllegalArgumentException("--input-format must be binaryFile or parquet, got '" + inputFormat + "'");
        }
        ActivationPooling.parse(pool);
        interpolation();
    }
}
