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
 * The whole convnet_512 forward pass: the real model ({@link Convnet512}, loaded from the Keras
 * fixture with io-keras), so every layer is the core layer a user's {@code predict} runs: 8 Conv2D
 * with fused ReLU, 5 MaxPooling2D, Flatten, Dense(64, relu), Dense(1, sigmoid). 13.14 GFLOP per
 * image. {@code threads} works as in {@link ConvLayerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelBench {
    @Param({"1", "4"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private KerasModel model;
    private Tensor input;

    @Setup
    public void setup() {
        System.setProperty("convscope.threads", Integer.toString(threads));
        model = Convnet512.load();
        input = Tensor.of(Shapes.random(batch * 512 * 512 * 3, 5), batch, 512, 512, 3);
    }

    @Benchmark
    public Tensor forward() {
        return model.predict(input);
    }
}
