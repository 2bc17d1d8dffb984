package org.convscope.bench.nativeyard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convscope.bench.Emotion;
import org.convscope.bench.Shapes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The native yardstick for whole models and single layers: ONNX Runtime Java (CPU, all graph
 * optimisations, sequential execution, {@code threads} intra-op threads) on the ONNX graphs in
 * {@code <fixtures>/onnx} (see PROVENANCE.md there): {@code convnet_512} takes NHWC [N,512,512,3];
 * {@code conv3_only} NCHW [N,64,128,128] and {@code conv5_only} NCHW [N,128,64,64] (one 3×3 conv +
 * ReLU each, convnet_512's conv3 and conv5); {@code emotion} is the main job's model, exported by
 * {@link Emotion#exportOnnx()} to {@code target/onnx/emotion.onnx} at set-up (NCHW [N,1,64,64]).
 * The fixtures folder comes from {@code -Dconvscope.fixtures}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OnnxRuntimeBench {
    @Param({"convnet_512", "conv3_only", "conv5_only", "emotion"})
    public String model;

    @Param({"1", "4"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private OrtEnvironment env;
    private OrtSession session;
    private OnnxTensor input;
    private String inputName;

    @Setup
    public void setup() throws OrtException {
        Path file = model.equals("emotion") ? Emotion.exportOnnx()
                : Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "onnx", model + ".onnx");
        if (!Files.isRegularFile(file)) throw new IllegalStateException("ONNX model not found: " + file.toAbsolutePath());
        long[] shape = switch (model) {
            case "convnet_512" -> new long[]{batch, 512, 512, 3};
            case "conv3_only" -> new long[]{batch, 64, 128, 128};
            case "conv5_only" -> new long[]{batch, 128, 64, 64};
            case "emotion" -> new long[]{batch, 1, 64, 64};
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = OrtOptions.of(threads);
        session = env.createSession(file.toString(), opts);
        inputName = session.getInputNames().iterator().next();
        int size = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
        input = OnnxTensor.createTensor(env, FloatBuffer.wrap(Shapes.random(size, 3)), shape);
    }

    @TearDown
    public void tearDown() throws OrtException {
        input.close();
        session.close();
    }

    @Benchmark
    public Object run() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
            return r.get(0).getValue();
        }
    }
}
