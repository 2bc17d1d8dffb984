package org.convscope.bench;

import java.util.concurrent.TimeUnit;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole real model's forward pass, loaded from its Keras fixture with io-keras, so every layer is
 * the core layer a user's {@code predict} runs. {@code model}: {@code convnet_512} ({@link Convnet512}:
 * 8 Conv2D with fused ReLU, 5 MaxPooling2D, Flatten, Dense(64, relu), Dense(1, sigmoid); 13.14 GFLOP
 * per image, input NHWC [N,512,512,3]) or {@code emotion} ({@link Emotion}: the main job's
 * mini-Xception, input [N,64,64,1]). {@code threads} works as in {@link ConvLayerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelBench {
    @Param({"convnet_512", "emotion"})
    public String model;

    @Param({"1", "4"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private KerasModel loaded;
    private Tensor input;

    @Setup
    public void setup() {
        System.setProperty("convscope.threads", Integer.toString(threads));
        switch (model) {
            case "convnet_512" -> {
                loaded = Convnet512.load();
                input = Tensor.of(Shapes.random(batch * 512 * 512 * 3, 5), batch, 512, 512, 3);
            }
            case "emotion" -> {
                loaded = Emotion.load();
                input = Tensor.of(Shapes.random(batch * 64 * 64, 5), batch, 64, 64, 1);
            }
            default -> throw new IllegalArgumentException("unknown model " + model);
        }
    }

    @Benchmark
    public Tensor forward() {
        return loaded.predict(input);
    }
}
