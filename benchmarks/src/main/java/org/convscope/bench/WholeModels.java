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
 *     ({@code nativeyard.EngineDuel}): convnet_512 batch 1 and 4, the emotion model batch 1 and 4,
 *     at each thread count — medians with a confidence interval, and CPU-time columns;</li>
 * <li>convscope's images/s for batches of 1, 4 and 16, with the batch shared out over the threads
 *     and without ({@link Throughput});</li>
 * <li>bytes a warm forward pass allocates against the bytes it returns ({@link Allocation}).</li>
 * </ol>
 */
final class WholeModels {
    private WholeModels() {}

    static String report(boolean haveNative, String[] threads, boolean quick) {
        Path convnet = Convnet512.file(), emotion = Emotion.file();
        StringBuilder sb = new StringBuilder();
        if (haveNative) {
            List<String> rows = new ArrayList<>();
            Path emotionOnnx = Emotion.exportOnnx();          // generated from the Keras weights, see onnx.KerasToOnnx
            for (String t : threads) {
                List<String> p = List.of("convscope.threads=" + t);
                String secs = quick ? "6" : "12";
                for (String b : List.of("1", "4")) {
                    rows.addAll(ChildJvm.rows(p, "org.convscope.bench.nativeyard.EngineDuel", "convnet_512", convnet.toString(),
                            onnxFixture("convnet_512").toString(), b, secs));
                }
                if (emotionOnnx != null && Files.isRegularFile(emotionOnnx)) {
                    for (String b : List.of("1", "4")) {
                        rows.addAll(ChildJvm.rows(p, "org.convscope.bench.nativeyard.EngineDuel", "emotion", emotion.toString(),
                                emotionOnnx.toString(), b, secs));
                    }
                }
            }
            sb.append("convscope vs ONNX Runtime, alternated in half-second blocks in one JVM per thread count "
                    + "(CPU ratio: calling thread at 1 thread, whole process otherwise):\n\n");
            sb.append(nativeHeader()).append('\n');
            for (String r : rows) sb.append(r).append('\n');
            sb.append('\n');
        }
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
