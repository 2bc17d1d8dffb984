package org.convscope.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the comparison in one JMH session and prints a table of medians (with JMH's 99.9% error),
 * GFLOP/s, the ratio to the Java FMA peak measured in the same run, and the ratio to the native
 * yardsticks when they were compiled in ({@code -Pnative}).
 *
 * <p>Arguments (all optional): {@code quick} (fewer sizes: square 512–2048, four conv shapes),
 * {@code gemm}, {@code conv}, {@code model} (restrict to groups), {@code threads=1,2}; {@code duel}
 * runs only the whole-model comparison of {@link WholeModels} (the {@code model} group runs it
 * after its JMH rows), with {@code seconds=S} (timed seconds per duel row), {@code models=a,b}
 * (some of convnet_512, emotion, MobileNetV2, EfficientNetB0) and {@code nothroughput} (the duel
 * table only). {@code bench=REGEX} runs only the JMH benchmarks matching REGEX (for example
 * {@code bench=GemmBench} or {@code bench=FmaPeakBench.peak1}) and prints JMH's summary. Every run
 * starts with the host ({@link Host}) and the FMA peak measured in it. Short runs by
 * design (1 fork, 3×1 s warm-up, 5×1 s measurement): the machine may be shared, so read ratios
 * measured in the same run, not absolute numbers.
 */
public final class Compare {
    private static final String NATIVE = "org.convscope.bench.nativeyard.";

    private Compare() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = false, throughput = true;
        List<String> groups = new ArrayList<>();
        String threads = "1,2";
        Double seconds = null;
        List<String> models = WholeModels.MODELS;
        for (String a : args) {
            if (a.equals("quick")) quick = true;
            else if (a.startsWith("threads=")) threads = a.substring("threads=".length());
            else if (a.startsWith("seconds=")) seconds = Double.parseDouble(a.substring("seconds=".length()));
            else if (a.startsWith("models=")) models = List.of(a.substring("models=".length()).split(","));
            else if (a.equals("nothroughput")) throughput = false;
            else if (a.startsWith("bench=")) {
                runOne(a.substring("bench=".length()), threads);
                return;
            }
            else groups.add(a);
        }
        for (String m : models) {
            if (!WholeModels.MODELS.contains(m)) throw new IllegalArgumentException("models=: unknown model " + m + "; known: " + WholeModels.MODELS);
        }
        if (groups.isEmpty()) groups = List.of("gemm", "conv", "model");
        boolean jmhOnlyForDuel = groups.equals(List.of("duel"));
        boolean haveNative = present(NATIVE + "OpenBlasGemmBench");
        String[] threadList = threads.split(",");

        List<RunResult> results = new ArrayList<>();
        // the FMA peak in the same run (shorter for the duel, which prints only this line of the JMH table)
        List<RunResult> peak = new ArrayList<>(run(jmhOnlyForDuel
                ? options("FmaPeakBench").warmupIterations(2).measurementIterations(3)
                : options("FmaPeakBench")));
        results.addAll(peak);
        if (groups.contains("gemm")) {
            String[] shapes = quick
                    ? new String[]{"512x512x512", "1024x1024x1024", "2048x2048x2048",
                                   "65536x64x288", "16384x128x1152", "4096x128x1152", "1024x128x1152"}
                    : new String[]{"512x512x512", "1024x1024x1024", "2048x2048x2048", "4096x4096x4096",
                                   "262144x32x27", "65536x64x288", "16384x128x576", "16384x128x1152",
                                   "4096x128x1152", "1024x128x1152"};
            String include = haveNative ? "(GemmBench|OpenBlasGemmBench)\\.sgemm" : "\\.GemmBench\\.sgemm";
            results.addAll(run(options(include).param("shape", shapes).param("threads", threadList)));
        }
        if (groups.contains("conv") && present("org.convscope.bench.ConvLayerBench")) {
            String[] layers = quick ? new String[]{"conv2", "conv4", "conv5", "conv7"}
                                    : Shapes.CONVNET_512.stream().map(Shapes.ConvLayer::name).toArray(String[]::new);
            results.addAll(run(options("\\.ConvLayerBench\\.").param("layer", layers).param("threads", threadList)));
        }
        if (groups.contains("model")) {
            if (present("org.convscope.bench.ModelBench")) {
                results.addAll(run(options("\\.ModelBench\\.").param("model", "convnet_512", "emotion")
                        .param("batch", "1", "4").param("threads", threadList)));
            }
            if (haveNative) {
                results.addAll(run(options("OnnxRuntimeBench").param("model", "convnet_512", "emotion")
                        .param("batch", "1", "4").param("threads", threadList)));
                results.addAll(run(options("OnnxRuntimeBench").param("model", "conv3_only", "conv5_only")
                        .param("batch", "1").param("threads", threadList)));
            }
        }
        System.out.println();
        System.out.println(Host.describe());
        if (!jmhOnlyForDuel) System.out.println(table(results, haveNative));
        else System.out.println(peakLine(peak));
        boolean whole = groups.contains("model") || groups.contains("duel");
        double secs = seconds != null ? seconds : quick ? 6 : 12;
        if (whole) System.out.println(WholeModels.report(haveNative, threadList, secs, models, throughput));
    }

    private static boolean present(String cls) {
        try {
            Class.forName(cls, false, Compare.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static ChainedOptionsBuilder options(String include) {
        List<String> jvm = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xmx3g", "-Xms1g",
                "--enable-native-access=ALL-UNNAMED"));
        for (String p : List.of("convscope.fixtures", "convscope.vector")) {
            String v = System.getProperty(p);
            if (v != null) jvm.add("-D" + p + "=" + v);
        }
        return new OptionsBuilder().include(include).forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(jvm.toArray(String[]::new))
                .shouldFailOnError(true);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder o) throws RunnerException {
        return new Runner(o.resultFormat(ResultFormatType.JSON)
                .result("target/jmh-" + System.nanoTime() + ".json").build()).run();
    }

    // ---- the table -------------------------------------------------------------------------------

    /** One measured row: what, how many threads, work per operation, median ms and error. */
    record Row(String group, String what, String impl, int threads, double flops, double medianMs, double errorMs) {
        double gflops() { return flops / (medianMs * 1e6); }
    }

    /** Runs the JMH benchmarks whose name matches {@code regex} (a class, {@code Class.method}, or any JMH include pattern) and prints JMH's own summary. */
    private static void runOne(String regex, String threads) throws RunnerException {
        ChainedOptionsBuilder o = options(regex);
        if (!threads.equals("1,2")) o = o.param("threads", threads.split(","));
        Collection<RunResult> r = run(o);
        if (r.isEmpty()) throw new IllegalArgumentException("no JMH benchmark matches '" + regex + "'");
    }

    /** {@return the line of the JMH results' FMA peaks} @param results results that include FmaPeakBench's */
    static String peakLine(List<RunResult> results) {
        Map<Integer, Double> peak = peaks(results);
        return String.format(Locale.ROOT, "Java FMA peak measured in this run (FloatVector.fma, %d-bit, 12 chains): 1 thread %.1f GFLOP/s, 2 threads %s%n",
                (int) (flopsPerFma() / 2 * 32), peak.getOrDefault(1, Double.NaN),
                peak.containsKey(2) ? String.format(Locale.ROOT, "%.1f GFLOP/s", peak.get(2)) : "-");
    }

    private static Map<Integer, Double> peaks(List<RunResult> results) {
        Map<Integer, Double> peak = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            if (!bench.contains(".FmaPeakBench.")) continue;
            double opsPerSec = r.getPrimaryResult().getStatistics().getPercentile(50);
            peak.put(bench.endsWith("peak1") ? 1 : 2, opsPerSec * flopsPerFma() / 1e9);
        }
        return peak;
    }

    static String table(List<RunResult> results, boolean haveNative) {
        Map<Integer, Double> peak = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            Result<?> p = r.getPrimaryResult();
            if (cls.equals("FmaPeakBench")) {
                // throughput: vector FMAs per second, summed over threads
                double opsPerSec = p.getStatistics().getPercentile(50);
                peak.put(method.equals("peak1") ? 1 : 2, opsPerSec * flopsPerFma() / 1e9);
                continue;
            }
            double median = p.getStatistics().getPercentile(50), err = p.getScoreError();
            int t = Integer.parseInt(r.getParams().getParam("threads"));
            switch (cls) {
                case "GemmBench", "OpenBlasGemmBench" -> {
                    String s = r.getParams().getParam("shape");
                    rows.add(new Row("SGEMM", s, cls.startsWith("OpenBlas") ? "OpenBLAS" : "convscope", t, Shapes.gemmFlops(s), median, err));
                    if (cls.startsWith("OpenBlas")) {
                        // the stricter Conv2D yardstick: OpenBLAS on the im2col GEMM alone (no im2col, no bias, no ReLU)
                        for (Shapes.ConvLayer l : Shapes.CONVNET_512) {
                            if (l.gemmShape().equals(s)) {
                                rows.add(new Row("Conv2D", l.name() + " " + s, "OpenBLAS SGEMM only", t, l.flops(), median, err));
                            }
                        }
                    }
                }
                case "ConvLayerBench" -> {
                    String l = r.getParams().getParam("layer");
                    rows.add(new Row("Conv2D", l + " " + Shapes.layer(l).gemmShape(), "convscope", t, Shapes.layer(l).flops(), median, err));
                }
                case "ModelBench" -> {
                    int b = Integer.parseInt(r.getParams().getParam("batch"));
                    String model = r.getParams().getParam("model");
                    double flops = model.equals("emotion") ? Emotion.flopsPerImage() : Shapes.convnet512Flops();
                    rows.add(new Row("model", model + " batch " + b, "convscope", t, b * flops, median, err));
                }
                case "OnnxRuntimeBench" -> {
                    String model = r.getParams().getParam("model");
                    int b = Integer.parseInt(r.getParams().getParam("batch"));
                    switch (model) {
                        case "convnet_512" -> rows.add(new Row("model", "convnet_512 batch " + b, "ONNX Runtime", t, b * Shapes.convnet512Flops(), median, err));
                        case "emotion" -> rows.add(new Row("model", "emotion batch " + b, "ONNX Runtime", t, b * Emotion.flopsPerImage(), median, err));
                        case "conv3_only" -> rows.add(new Row("Conv2D", "conv3 " + Shapes.layer("conv3").gemmShape(), "ONNX Runtime", t, b * Shapes.layer("conv3").flops(), median, err));
                        case "conv5_only" -> rows.add(new Row("Conv2D", "conv5 " + Shapes.layer("conv5").gemmShape(), "ONNX Runtime", t, b * Shapes.layer("conv5").flops(), median, err));
                        default -> { }
                    }
                }
                default -> { }
            }
        }
        List<String> groupOrder = List.of("SGEMM", "Conv2D", "model");
        rows.sort(java.util.Comparator.comparingInt((Row r) -> groupOrder.indexOf(r.group))
                .thenComparing(r -> r.group.equals("SGEMM") ? String.format("%12.0f", r.flops) : r.what)
                .thenComparingInt(r -> r.threads)
                .thenComparing(r -> r.impl.equals("convscope") ? "" : r.impl));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Java FMA peak (FloatVector.fma, %d-bit): 1 thread %.1f GFLOP/s, 2 threads %s%n%n",
                (int) (flopsPerFma() / 2 * 32), peak.getOrDefault(1, Double.NaN),
                peak.containsKey(2) ? String.format(Locale.ROOT, "%.1f GFLOP/s", peak.get(2)) : "-"));
        sb.append("| group | what | threads | implementation | median ms (± err) | GFLOP/s | of peak | convscope / other |\n");
        sb.append("|---|---|---:|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Row ours = rows.stream().filter(o -> o.impl.equals("convscope") && o.group.equals(row.group)
                    && o.what.equals(row.what) && o.threads == row.threads).findFirst().orElse(null);
            String ratio = ours == null || ours == row ? "" : String.format(Locale.ROOT, "%.2fx", row.medianMs / ours.medianMs);
            Double pk = peak.get(row.threads);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f (± %.2f) | %.1f | %s | %s |%n",
                    row.group, row.what, row.threads, row.impl, row.medianMs, row.errorMs, row.gflops(),
                    pk == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * row.gflops() / pk), ratio));
        }
        sb.append("\n'convscope / other' = other's time / convscope's time: above 1 means convscope is faster.\n");
        if (!haveNative) sb.append("Native yardsticks not compiled in: run with -Pnative (benchmarks/run-comparison does).\n");
        return sb.toString();
    }

    private static double flopsPerFma() { return FmaPeakBench.flopsPerOp(); }
}
