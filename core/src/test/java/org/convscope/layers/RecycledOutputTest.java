package org.convscope.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.engine.EngineConfig;
import org.convscope.geometry.Padding;
import org.convscope.image.Interpolation;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every layer that takes its output from the {@link ActivationArena} must write every value of it:
 * each layer runs once outside an arena (fresh zeroed arrays), then twice inside a poisoning
 * arena, the first output given back in between, so the second run writes into a recycled array
 * filled with NaN. The second output must equal the first bit for bit. A layer that skipped a
 * value (a padding border, an edge tile, a missing bias) would leave a NaN there.
 */
class RecycledOutputTest {
    private static final SplittableRandom R = new SplittableRandom(20261202);
    private static final int[] ONE = {1, 1}, TWO = {2, 2};
    private static final Activation RELU = Activations.get("relu"), SOFTMAX = Activations.get("softmax"), TANH = Activations.get("tanh");

    private record Case(Layer layer, List<Tensor> inputs) {}

    private static Tensor rnd(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) R.nextDouble(-1, 1);
        return t;
    }

    private static Tensor positive(int... shape) {
        Tensor t = rnd(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i]) + 0.5f;
        return t;
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        Tensor rgb = rnd(2, 13, 11, 3), deep = rnd(1, 9, 11, 40), mid = rnd(2, 7, 9, 8);
        // Conv2D on each fast path: direct (short reduction), Winograd (3x3, >= 32 channels, odd
        // size: edge tiles), implicit GEMM (stride 2), pointwise 1x1, groups, no bias, softmax after
        c.add(new Case(new Conv2D("direct", rnd(3, 3, 3, 16), rnd(16), ONE, Padding.SAME, ONE, 1, RELU), List.of(rgb)));
        c.add(new Case(new Conv2D("winograd", rnd(3, 3, 40, 32), null, ONE, Padding.SAME, ONE, 1, null), List.of(deep)));
        c.add(new Case(new Conv2D("winograd_valid", rnd(3, 3, 40, 48), rnd(48), ONE, Padding.VALID, ONE, 1, RELU), List.of(deep)));
        c.add(new Case(new Conv2D("implicit", rnd(3, 3, 40, 24), rnd(24), TWO, Padding.SAME, ONE, 1, TANH), List.of(deep)));
        c.add(new Case(new Conv2D("dilated", rnd(3, 3, 8, 5), null, ONE, Padding.SAME, TWO, 1, null), List.of(mid)));
        c.add(new Case(new Conv2D("pointwise", rnd(1, 1, 40, 24), null, ONE, Padding.VALID, ONE, 1, null), List.of(deep)));
        c.add(new Case(new Conv2D("groups", rnd(3, 3, 4, 8), rnd(8), ONE, Padding.SAME, ONE, 2, null), List.of(mid)));
        c.add(new Case(new Conv2D("conv_softmax", rnd(3, 3, 8, 6), rnd(6), ONE, Padding.VALID, ONE, 1, SOFTMAX), List.of(mid)));
        c.add(new Case(new DepthwiseConv2D("depthwise", rnd(3, 3, 8, 2), null, ONE, Padding.SAME, ONE, null), List.of(mid)));
        c.add(new Case(new DepthwiseConv2D("depthwise_bias", rnd(3, 3, 8, 1), rnd(8), TWO, Padding.SAME, ONE, RELU), List.of(mid)));
        c.add(new Case(new SeparableConv2D("separable", rnd(3, 3, 8, 1), rnd(1, 1, 8, 12), null, ONE, Padding.SAME, ONE, null), List.of(mid)));
        c.add(new Case(new Conv2DTranspose("transpose", rnd(3, 3, 5, 8), rnd(5), TWO, Padding.SAME, ONE, null, null), List.of(mid)));
        c.add(new Case(new MaxPooling2D("max2", TWO, TWO, Padding.VALID), List.of(deep)));
        c.add(new Case(new MaxPooling2D("max3same", new int[]{3, 3}, TWO, Padding.SAME), List.of(mid)));
        c.add(new Case(new AveragePooling2D("avg", TWO, TWO, Padding.SAME), List.of(rgb)));
        c.add(new Case(new BatchNormalization("bn", -1, 1e-3f, rnd(8), rnd(8), rnd(8), positive(8)), List.of(mid)));
        c.add(new Case(new Dense("dense", rnd(8, 10), rnd(10), RELU), List.of(mid)));
        c.add(new Case(new Dense("dense_softmax", rnd(8, 7), rnd(7), SOFTMAX), List.of(rnd(3, 8))));
        c.add(new Case(new GlobalAveragePooling2D("gap", false), List.of(deep)));
        c.add(new Case(new GlobalMaxPooling2D("gmp", true), List.of(mid)));
        c.add(new Case(new ZeroPadding2D("pad", 1, 2, 3, 0), List.of(mid)));
        c.add(new Case(new Cropping2D("crop", 1, 2, 0, 3), List.of(mid)));
        c.add(new Case(new UpSampling2D("up", 2, 3, Interpolation.NEAREST), List.of(mid)));
        c.add(new Case(new Concatenate("concat", -1), List.of(mid, rnd(2, 7, 9, 3))));
        c.add(new Case(new Add("add"), List.of(mid, rnd(2, 7, 9, 8))));
        c.add(new Case(new Multiply("mul_broadcast"), List.of(mid, rnd(2, 1, 1, 8))));
        c.add(new Case(new Softmax("softmax", -1), List.of(mid)));
        c.add(new Case(new ActivationLayer("relu", RELU), List.of(mid)));
        c.add(new Case(new Rescaling("rescale", new float[]{2f}, new float[]{-1f}), List.of(mid)));
        c.add(new Case(new PReLU("prelu", rnd(7, 9, 8), null), List.of(mid)));
        return c;
    }

    @Test
    void everyLayerWritesEveryValueOfARecycledOutput() throws Exception {
        int reused = 0;
        for (Case k : cases()) {
            Tensor fresh = k.layer.forward(k.inputs);
            ActivationArena arena = ActivationArena.poisoning();
            Tensor recycled = arena.run(() -> {
                Tensor first = k.layer.forward(k.inputs);
                arena.recycle(first.data());
                return k.layer.forward(k.inputs);
            });
            assertArrayEquals(fresh.shape(), recycled.shape(), k.layer.name());
            assertArrayEquals(fresh.data(), recycled.data(), k.layer.name() + ": output written into a recycled (NaN) array differs");
            assertTrue(arena.reusedCount() >= 1, k.layer.name() + ": the second run did not reuse the first output's array");
            reused += (int) arena.reusedCount();
        }
        assertTrue(reused >= cases().size());
    }

    @Test
    void aSeparableConvolutionRecyclesItsDepthwiseOutputWithinTheCall() throws Exception {
        Layer sep = new SeparableConv2D("sep", rnd(3, 3, 8, 1), rnd(1, 1, 8, 8), null, ONE, Padding.SAME, ONE, null);
        Tensor x = rnd(1, 7, 9, 8);
        // on every path the planner may choose (the host's, and the scalar one): in two steps the
        // depthwise output (same size as the input here) goes back within the call; fused, there is
        // no depthwise output at all; either way the output is handed over
        EngineConfig host = EngineConfig.global(), scalar = host.withVector(EngineConfig.Vector.OFF);
        for (EngineConfig config : List.of(host, scalar)) {
            config.call(() -> {
                ActivationArena arena = new ActivationArena();
                arena.run(() -> sep.forward(List.of(x)));
                String path = sep.kernelPath();
                long expected = path.startsWith("separable in two steps") ? 4L * x.size() : 0;
                assertEquals(expected, arena.freeBytes(), path);
                return null;
            });
        }
        assertTrue(scalar.get(sep::kernelPath).startsWith("separable in two steps"), "the scalar path runs the two steps");
    }
}
