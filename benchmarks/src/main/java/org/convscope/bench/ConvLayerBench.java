package org.convscope.bench;

import java.util.concurrent.TimeUnit;
import org.convscope.activation.Relu;
import org.convscope.geometry.Padding;
import org.convscope.layers.Conv2D;
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
 * One convnet_512 convolution (3×3, 'same', bias, ReLU) through convscope's Conv2D layer on one
 * image, with seeded weights: implicit-GEMM packing from NHWC, pre-packed kernel, bias + ReLU in
 * the epilogue. The output tensor is allocated per call, as in a forward pass.
 *
 * <p>{@code threads} sets {@code -Dconvscope.threads} before the engine's GEMM is first created;
 * that works because JMH runs each parameter combination in a fresh JVM (do not use {@code -f 0}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConvLayerBench {
    @Param({"conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "conv7", "conv8"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private Conv2D conv;
    private Tensor input;

    @Setup
    public void setup() {
        System.setProperty("convscope.threads", Integer.toString(threads));
        Shapes.ConvLayer l = Shapes.layer(layer);
        conv = convLayer(l, 10);
        input = Tensor.of(Shapes.random(l.h() * l.w() * l.cin(), 4), 1, l.h(), l.w(), l.cin());
    }

    /** The layer with He-like seeded weights and a small random bias. */
    static Conv2D convLayer(Shapes.ConvLayer l, long seed) {
        float[] w = Shapes.random(9 * l.cin() * l.cout(), seed);
        float scale = (float) Math.sqrt(6.0 / (9 * l.cin()));
        for (int i = 0; i < w.length; i++) w[i] *= scale;
        float[] b = Shapes.random(l.cout(), seed + 1);
        for (int i = 0; i < b.length; i++) b[i] *= 0.1f;
        return new Conv2D(l.name(), Tensor.of(w, 3, 3, l.cin(), l.cout()), Tensor.of(b, l.cout()),
                new int[]{1, 1}, Padding.SAME, new int[]{1, 1}, 1, Relu.PLAIN);
    }

    @Benchmark
    public Tensor conv() {
        return conv.forward(input);
    }
}
