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
import org.convscope.bench.Emotion;
import org.convscope.bench.Shapes;

/**
 * ONNX Runtime on {@code <fixtures>/onnx/convnet_512.onnx} (NHWC [N,512,512,3]) or, with the model
 * argument {@code emotion}, on the emotion model exported by {@link Emotion#exportOnnx()} (NCHW
 * [N,1,64,64]), timed like {@link CpuTimes}: with one
 * intra-op thread ONNX Runtime runs the graph on the calling thread, so the calling thread's CPU
 * time is all its work and ignores time spent waiting for a core on a shared machine. Same session
 * options as {@link OnnxRuntimeBench}.
 *
 * <pre>  java -cp ... org.convscope.bench.nativeyard.OnnxCpuTimes [batch] [rounds] [threads] [convnet_512|emotion]</pre>
 */
public final class OnnxCpuTimes {
    private OnnxCpuTimes() {}

    public static void main(String[] args) throws OrtException {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String model = args.length > 3 ? args[3] : "convnet_512";
        boolean emotion = switch (model) {
            case "convnet_512" -> false;
            case "emotion" -> true;
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        Path file = emotion ? Emotion.exportOnnx()
                : Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "onnx", "convnet_512.onnx");
        long[] shape = emotion ? new long[] {batch, 1, 64, 64} : new long[] {batch, 512, 512, 3};
        int size = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = OrtOptions.of(threads);
        try (OrtSession session = env.createSession(file.toString(), opts);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(Shapes.random(size, 3)), shape)) {
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
            System.out.printf(Locale.ROOT, "ONNX Runtime %s batch %d, %d intra-op thread(s): %.2f ms CPU (calling thread) "
                    + "(%.2f ms wall), best of %d%n", model, batch, threads, t[0], t[1], rounds);
        }
    }
}
