package org.convscope.example.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The entry point ({@code spark-submit --class org.convscope.example.spark.SparkPredict}): parses
 * {@link JobOptions}, starts or joins a Spark session, runs {@link PredictJob} and prints one line.
 * Exit codes: 0 done, 1 the job failed (for example a model that cannot be loaded; its message is
 * printed), 2 bad usage.
 */
public final class SparkPredict {
    private SparkPredict() {}

    /**
     * Runs the job.
     *
     * @param args the options, see {@code --help}
     */
    public static void main(String[] args) {
        JobOptions options = new JobOptions();
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("convscope-spark: " + e.getMessage());
            cli.usage(System.err);
            System.exit(2);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            cli.usage(System.out);
            return;
        }
        System.exit(run(options));
    }

    private static int run(JobOptions options) {
        SparkConf conf = new SparkConf().setAppName("convscope-spark");
        if (options.master != null) conf.setMaster(options.master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            long t0 = System.nanoTime();
            PredictJob.Counts c = PredictJob.run(spark, options);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "convscope-spark: %d rows (%d errors) written to %s in %.1f s (%.1f images/s)%n",
                    c.rows(), c.errors(), options.output, s, c.rows() / s);
            if (options.show > 0) PredictJob.printRows(spark, options.output, options.show, System.out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("convscope-spark: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("convscope-spark: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } finally {
            spark.stop();
        }
    }
}
