package org.convscope.bench.nativeyard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.convscope.bench.CpuTimes;
import org.convscope.bench.Shapes;

/**
 * ONNX Runtime on {@code <fixtures>/onnx/convnet_512.onnx}, timed like {@link CpuTimes}: with one
 * intra-op thread ONNX Runtime runs the graph on the calling thread, so the calling thread's CPU
 * time is all its work and ignores time spent waiting for a core on a shared machine. Same session
 * options as {@link OnnxRuntimeBench}.
 *
 * <pre>  java -cp ... org.convscope.bench.nativeyard.OnnxCpuTimes [batch] [rounds] [threads]</pre>
 */
public final class OnnxCpuTimes {
    private OnnxCpuTimes() {}

    public static void main(String[] args) throws OrtException {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path file = Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "onnx", "convnet_512.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        try (OrtSession session = env.createSession(file.toString(), opts);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(Shapes.random(batch * 512 * 512 * 3, 3)),
                     new long[] {batch, 512, 512, 3})) {
            String name = session.getInputNames().iterator().next();
            Runnable run = () -> {
                try (OrtSession.Result r = session.run(Map.of(name, input))) {
                    r.get(0);
                } catch (OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
            for (int i = 0; i < 3; i++) run.run();
            double[] t = CpuTimes.best(rounds, run);
            System.out.printf(Locale.ROOT, "ONNX Runtime convnet_512 batch %d, %d intra-op thread(s): %.1f ms CPU (calling thread) "
                    + "(%.1f ms wall), best of %d%n", batch, threads, t[0], t[1], rounds);
        }
    }
}
