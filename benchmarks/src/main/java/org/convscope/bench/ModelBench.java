package org.convscope.bench;

import java.util.concurrent.TimeUnit;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.graph.Graph;
import org.convscope.graph.GraphBuilder;
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
 * The whole convnet_512 forward pass (512×512×3 → 8 convs with ReLU, 5 max-pools, Flatten,
 * Dense(64, relu), Dense(1, sigmoid)) built with {@link GraphBuilder}: core Conv2D layers with seeded
 * weights, and benchmark-local max-pool and dense stand-ins (0.03% of the work). 13.14 GFLOP per
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

    private Graph model;
    private Tensor input;

    @Setup
    public void setup() {
        System.setProperty("convscope.threads", Integer.toString(threads));
        model = convnet512(batch);
        input = Tensor.of(Shapes.random(batch * 512 * 512 * 3, 5), batch, 512, 512, 3);
    }

    /** convnet_512's architecture with seeded weights. */
    static Graph convnet512(int batch) {
        GraphBuilder g = Graph.builder("convnet_512").input("input", batch, 512, 512, 3);
        long seed = 100;
        int pool = 0;
        for (Shapes.ConvLayer l : Shapes.CONVNET_512) {
            g.then(ConvLayerBench.convLayer(l, seed += 2));
            // a pool after conv1, conv2, conv4, conv6, conv8 (the ends of the five blocks)
            if (l.name().matches("conv[12468]")) g.then(new BenchMaxPool2("pool" + (++pool)));
        }
        ElementwiseActivation sigmoid = new ElementwiseActivation() {
            @Override public float apply(float x) { return (float) (1 / (1 + Math.exp(-x))); }
            @Override public String name() { return "sigmoid"; }
        };
        g.then(new BenchDense("dense", 16 * 16 * 128, 64, seed + 10, BenchRelu.INSTANCE));
        g.then(new BenchDense("predictions", 64, 1, seed + 20, sigmoid));
        return g.build();
    }

    @Benchmark
    public Tensor forward() {
        return model.predict(input);
    }
}
