package org.convscope.bench.nativeyard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.bench.Apps;
import org.convscope.bench.Emotion;
import org.convscope.bench.Shapes;

/**
 * ONNX Runtime's own per-node times on a model: the session's profiler
 * ({@code SessionOptions.enableProfiling}) over many runs, each node's median kernel time over the
 * second half of them (the first half warms up), and its fastest run there (comparable with
 * {@code LayerTimes}' best-of CPU times on a loaded machine, where medians carry the waits). After ONNX Runtime's fusions a node stands for
 * several Keras layers — a Conv with the BatchNormalization and Clip/Relu after it keeps the Conv's
 * name — which is what {@code LayerTimes -Dfused=true} names by the head of each fused chain, so the
 * two lists can be joined on that name. Same session options as the duel ({@link OrtOptions}).
 *
 * <pre>  java -cp ... org.convscope.bench.nativeyard.OrtProfile MODEL [batch] [runs] [threads]</pre>
 * MODEL: MobileNetV2, EfficientNetB0 (exported to {@code target/onnx} first) or emotion. Prints one
 * Markdown row per node, slowest first, then the sum and the median whole run.
 */
public final class OrtProfile {
    private OrtProfile() {}

    public static void main(String[] args) throws OrtException, IOException {
        String model = args.length > 0 ? args[0] : "MobileNetV2";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path onnx = model.equals("emotion") ? Emotion.exportOnnx() : Apps.exportOnnx(model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path prefix = Path.of("target", "ort-profile-" + model);
        Files.createDirectories(prefix.getParent());
        OrtSession.SessionOptions opts = OrtOptions.of(threads);
        opts.enableProfiling(prefix.toString());
        String file;
        try (OrtSession session = env.createSession(onnx.toString(), opts)) {
            String name = session.getInputNames().iterator().next();
            long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(name).getInfo()).getShape();
            shape[0] = batch;
            int size = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(Shapes.random(size, 3)), shape)) {
                for (int i = 0; i < runs; i++) {
                    try (OrtSession.Result r = session.run(Map.of(name, in))) {
                        r.get(0);
                    }
                }
            }
            file = session.endProfiling();
        }
        report(model, batch, threads, runs, Path.of(file));
    }

    private static void report(String model, int batch, int threads, int runs, Path json) throws IOException {
        JsonNode events = new ObjectMapper().readTree(json.toFile());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, String> ops = new LinkedHashMap<>();
        List<Double> whole = new ArrayList<>();
        for (JsonNode e : events) {
            String cat = e.path("cat").asText(), n = e.path("name").asText();
            double us = e.path("dur").asDouble();
            if (cat.equals("Node") && n.endsWith("_kernel_time")) {
                String node = n.substring(0, n.length() - "_kernel_time".length());
                times.computeIfAbsent(node, k -> new ArrayList<>()).add(us);
                ops.put(node, e.path("args").path("op_name").asText());
            } else if (cat.equals("Session") && n.equals("model_run")) {
                whole.add(us);
            }
        }
        record Row(String node, String op, double us, double best) { }
        List<Row> rows = new ArrayList<>();
        double sum = 0;
        for (Map.Entry<String, List<Double>> t : times.entrySet()) {
            double m = secondHalfMedian(t.getValue());
            List<Double> v = t.getValue();
            double best = v.subList(v.size() / 2, v.size()).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            rows.add(new Row(t.getKey(), ops.get(t.getKey()), m, best));
            sum += m;
        }
        rows.sort((a, b) -> Double.compare(b.us, a.us));
        System.out.printf(Locale.ROOT, "ONNX Runtime profile of %s batch %d, %d intra-op thread(s), %d runs (medians of the second half), %s%n",
                model, batch, threads, runs, json);
        System.out.println("| ONNX Runtime node | op | median µs | fastest µs |");
        System.out.println("|---|---|---:|---:|");
        for (Row r : rows) System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f |%n", r.node, r.op, r.us, r.best);
        System.out.printf(Locale.ROOT, "sum of nodes %.1f µs; median model_run %.1f µs (with profiling on)%n", sum, secondHalfMedian(whole));
    }

    private static double secondHalfMedian(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] s = v.subList(v.size() / 2, v.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
