package org.convscope.example.spark;

/**
 * The threads one convscope call uses. The engine reads the JVM-wide system property
 * {@code convscope.threads} once, when it first multiplies (default: every processor of the
 * machine), so an executor that runs several tasks at once would run cores × threads GEMM threads.
 * The job sets it to its threads-per-task before its first model use in each JVM; a value given on
 * the command line ({@code -Dconvscope.threads=N} in {@code spark.executor.extraJavaOptions}) wins.
 */
final class GemmThreads {
    static final String PROPERTY = "convscope.threads";

    private GemmThreads() {}

    /**
     * Sets {@code convscope.threads} unless it is already set.
     *
     * @param threads threads per task
     * @return the value in force
     */
    static synchronized int configure(int threads) {
        String set = System.getProperty(PROPERTY);
        if (set == null) {
            System.setProperty(PROPERTY, Integer.toString(threads));
            return threads;
        }
        return Integer.parseInt(set.trim());
    }
}
