package org.convscope.example.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Prints a result table of {@link SparkPredict} (a Parquet folder) as text, without another tool:
 * {@code examples/spark/show OUT.parquet [ROWS]} (default 20 rows). Runs Spark in local mode inside
 * this JVM. Exit codes: 0 done, 1 the table cannot be read, 2 bad usage.
 */
public final class SparkShow {
    private SparkShow() {}

    /**
     * Prints the table.
     *
     * @param args the Parquet folder, and optionally the number of rows
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            System.err.println("usage: show OUT.parquet [ROWS]   (prints the first ROWS rows, default 20, of a convscope-spark result)");
            System.exit(2);
        }
        int n;
        try {
            n = args.length == 2 ? Integer.parseInt(args[1]) : 20;
            if (n < 1) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            System.err.println("show: ROWS must be a positive number, got '" + args[1] + "'");
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("convscope-show").master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        int code = 0;
        try {
            PredictJob.printRows(spark, args[0], n, System.out);
        } catch (RuntimeException e) {
            System.err.println("show: " + args[0] + ": " + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")));
            code = 1;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}
