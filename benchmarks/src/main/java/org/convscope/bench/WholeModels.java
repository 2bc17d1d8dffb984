package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-model comparison of {@code run-comparison model}, in child JVMs (one per thread count,
 * since the engine fixes its threads at start-up):
 * <ol>
 * <li>convscope against ONNX Runtime, alternated in half-second blocks in one JVM
 *     ({@code nativeyard.EngineDuel}): convnet_512, the emotion model, MobileNetV2 and EfficientNetB0
 *     ({@link Apps}), batch 1 and 4, at each thread count — medians with a confidence interval,
 *     CPU-time columns, GFLOP/s and the engines' agreement; the converted models are exported to
 *     {@code target/onnx} first, and a model convscope cannot load gets a "not loadable yet" row;</li>
 * <li>convscope's images/s for batches of 1, 4 and 16, with the batch shared out over the threads
 *     and without ({@link Throughput});</li>
 * <li>bytes a warm forward pass allocates against the bytes it returns ({@link Allocation}).</li>
 * </ol>
 */
final class WholeModels {
    private WholeModels() {}

    /** The duel's models, in the order of the table. */
    static final List<String> MODELS = List.of("convnet_512", "emotion", "MobileNetV2", "EfficientNetB0");

    static String report(boolean haveNative, String[] threads, boolean quick) {
        return report(haveNative, threads, quick ? 6 : 12, MODELS, true);
    }

    /**
     * @param seconds    timed seconds per duel row (plus a third of it, at least 2 s, of warm-up)
     * @param models     which of {@link #MODELS} to duel
     * @param throughput whether to add the throughput and allocation tables
     */
    static String report(boolean haveNative, String[] threads, double seconds, List<String> models, boolean throughput) {
        Path convnet = Convnet512.file(), emotion = Emotion.file();
        StringBuilder sb = new StringBuilder();
        if (haveNative) {
            // Keras file and ONNX file of each model; the converted ones are (re)written from the Keras weights
            java.util.Map<String, Path[]> files = new java.util.LinkedHashMap<>();
            java.util.Map<String, String> failed = new java.util.LinkedHashMap<>();
            for (String m : models) {
                try {
                    files.put(m, switch (m) {
                        case "convnet_512" -> new Path[] {convnet, onnxFixture("convnet_512")};
                        case "emotion" -> new Path[] {emotion, Emotion.exportOnnx()};
                        default -> new Path[] {Apps.file(m), Apps.exportOnnx(m)};
                    });
                } catch (org.convscope.keras.KerasLoadException e) {
                    failed.put(m, "not loadable yet: " + e.getMessage());        // one row says why
                } catch (IllegalArgumentException e) {
                    failed.put(m, "not exported to ONNX: " + e.getMessage());    // e.g. a layer the converter lacks
                }
            }
            List<String> rows = new ArrayList<>();
            String secs = String.valueOf(seconds);
            for (String t : threads) {
                List<String> p = List.of("convscope.threads=" + t);
                for (String m : models) {
                    for (String b : List.of("1", "4")) {
                        if (failed.containsKey(m)) {
                            rows.add(String.format(java.util.Locale.ROOT, "| %s batch %s | %s | convscope | %s | | | | | | | | | |",
                                    m, b, t, shortReason(failed.get(m))));
                            continue;
                        }
                        Path[] f = files.get(m);
                        if (!Files.isRegularFile(f[1])) continue;
                        rows.addAll(ChildJvm.rows(p, "org.convscope.bench.nativeyard.EngineDuel", m, f[0].toString(),
                                f[1].toString(), b, secs));
                    }
                }
            }
            sb.append("convscope vs ONNX Runtime, alternated in half-second blocks in one JVM per row "
                    + "(CPU ratio: calling thread at 1 thread, whole process otherwise; above 1 means convscope is faster):\n\n");
            sb.append(nativeHeader()).append('\n');
            for (String r : rows) sb.append(r).append('\n');
            sb.append('\n');
        }
        if (!throughput) return sb.toString();
        boolean quick = seconds < 12;
        List<String> tput = new ArrayList<>();
        for (String t : threads) {
            for (String split : t.equals("1") ? List.of("auto") : List.of("auto", "off")) {
                List<String> p = List.of("convscope.threads=" + t, "convscope.batchSplit=" + split);
                tput.addAll(ChildJvm.rows(p, "org.convscope.bench.Throughput", "emotion", emotion.toString(), "1,4,16", quick ? "3" : "6"));
                tput.addAll(ChildJvm.rows(p, "org.convscope.bench.Throughput", "convnet_512", convnet.toString(), "1,4,16", quick ? "4" : "8"));
            }
        }
        sb.append("convscope throughput (batch split: a batch's images on separate threads, or off: every layer shared):\n\n");
        sb.append(Throughput.header()).append('\n');
        for (String r : tput) sb.append(r).append('\n');
        sb.append('\n');
        List<String> alloc = new ArrayList<>();
        for (String arena : List.of("on", "off")) {
            List<String> p = List.of("convscope.threads=1", "convscope.arena=" + arena);
            alloc.addAll(ChildJvm.rows(p, "org.convscope.bench.Allocation", "convnet_512", convnet.toString(), "block1_conv1"));
            alloc.addAll(ChildJvm.rows(p, "org.convscope.bench.Allocation", "emotion", emotion.toString(), "conv2d_1,add_2"));
        }
        sb.append("Allocation of a warm forward pass (1 thread; activations = the named layers' outputs returned):\n\n");
        sb.append(Allocation.header()).append('\n');
        for (String r : alloc) sb.append(r).append('\n');
        return sb.toString();
    }

    private static String shortReason(String why) {
        String r = String.valueOf(why);
        int cut = r.indexOf(". Supported:");
        if (cut > 0) r = r.substring(0, cut);
        r = r.replace('|', '/');
        return r.length() > 160 ? r.substring(0, 160) + "…" : r;
    }

    private static Path onnxFixture(String name) {
        return Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "onnx", name + ".onnx");
    }

    /** EngineDuel's header, without loading the native class when the yardsticks are absent. */
    private static String nativeHeader() {
        try {
            return (String) Class.forName("org.convscope.bench.nativeyard.EngineDuel").getMethod("header").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
