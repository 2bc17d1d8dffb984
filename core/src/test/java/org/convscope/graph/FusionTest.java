package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.convscope.activation.Elu;
import org.convscope.activation.Linear;
import org.convscope.activation.Relu;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.activation.Tanh;
import org.convscope.geometry.Padding;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Add;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.ELU;
import org.convscope.layers.LeakyReLU;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.ReLU;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.SingleInputLayer;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph fusion against the unfused computation: each layer's own {@code forward}, called one after
 * the other outside the graph.
 */
class FusionTest {
    private static final int[] ONE = {1, 1}, TWO = {2, 2};

    // ---- seeded random layers ----

    private static Tensor random(SplittableRandom rnd, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextDouble() * 2 - 1);
        return Tensor.of(v, shape);
    }

    /** A BatchNormalization with every weight present and far from the identity. */
    private static BatchNormalization bn(SplittableRandom rnd, String name, int channels, int axis) {
        float[] var = new float[channels];
        for (int i = 0; i < channels; i++) var[i] = (float) (0.05 + rnd.nextDouble() * 3);
        Tensor gamma = random(rnd, channels), beta = random(rnd, channels), mean = random(rnd, channels);
        for (int i = 0; i < channels; i++) gamma.data()[i] *= 2.5f;
        return new BatchNormalization(name, axis, 1e-3f, gamma, beta, mean, Tensor.of(var, channels));
    }

    /** {@code scale=False, center=False}: γ and β absent. */
    private static BatchNormalization bnWithoutGammaBeta(SplittableRandom rnd, String name, int channels) {
        float[] var = new float[channels];
        for (int i = 0; i < channels; i++) var[i] = (float) (0.1 + rnd.nextDouble());
        return new BatchNormalization(name, -1, 1e-3f, null, null, random(rnd, channels), Tensor.of(var, channels));
    }

    /** A named test case: the input shape and the chain of layers from input to output. */
    record Chain(String label, int[] inputShape, List<SingleInputLayer> layers) {
        @Override public String toString() { return label; }
    }

    static Stream<Arguments> chains() {
        SplittableRandom r = new SplittableRandom(20240611);
        List<Chain> c = new ArrayList<>();
        c.add(new Chain("Conv2D(bias) → BN → Activation(relu)", new int[] {2, 9, 11, 3}, List.of(
                new Conv2D("conv", random(r, 3, 3, 3, 8), random(r, 8), ONE, Padding.SAME, ONE, 1, null),
                bn(r, "bn", 8, -1), new ActivationLayer("act", Relu.PLAIN))));
        c.add(new Chain("Conv2D(no bias, stride 2, groups 2) → BN(axis 3) → ELU layer", new int[] {1, 12, 10, 4}, List.of(
                new Conv2D("conv", random(r, 3, 3, 2, 6), null, TWO, Padding.VALID, ONE, 2, Linear.INSTANCE),
                bn(r, "bn", 6, 3), new ELU("act", 0.7f))));
        c.add(new Chain("Conv2D → BN (no activation)", new int[] {1, 7, 7, 5}, List.of(
                new Conv2D("conv", random(r, 1, 1, 5, 9), random(r, 9), ONE, Padding.VALID, ONE, 1, null),
                bn(r, "bn", 9, -1))));
        c.add(new Chain("Conv2D → ReLU layer (no BN)", new int[] {1, 8, 8, 3}, List.of(
                new Conv2D("conv", random(r, 3, 3, 3, 16), random(r, 16), ONE, Padding.SAME, new int[] {2, 2}, 1, null),
                new ReLU("act", 6f, 0.1f, 0.05f))));
        c.add(new Chain("DepthwiseConv2D(mult 2) → BN → LeakyReLU", new int[] {2, 10, 9, 3}, List.of(
                new DepthwiseConv2D("dw", random(r, 3, 3, 3, 2), random(r, 6), ONE, Padding.SAME, ONE, null),
                bn(r, "bn", 6, -1), new LeakyReLU("act", 0.2f))));
        c.add(new Chain("SeparableConv2D → BN", new int[] {1, 11, 11, 4}, List.of(
                new SeparableConv2D("sep", random(r, 3, 3, 4, 1), random(r, 1, 1, 4, 10), null, ONE, Padding.SAME, ONE, null),
                bn(r, "bn", 10, -1))));
        c.add(new Chain("SeparableConv2D(mult 2, bias, stride 2) → BN(no γ, β) → Activation(relu)", new int[] {2, 12, 12, 3}, List.of(
                new SeparableConv2D("sep", random(r, 3, 3, 3, 2), random(r, 1, 1, 6, 7), random(r, 7), TWO, Padding.SAME, ONE, null),
                bnWithoutGammaBeta(r, "bn", 7), new ActivationLayer("act", Relu.PLAIN))));
        c.add(new Chain("Dense → BN → Activation(tanh)", new int[] {5, 13}, List.of(
                new Dense("dense", random(r, 13, 6), random(r, 6), null),
                bn(r, "bn", 6, 1), new ActivationLayer("act", Tanh.INSTANCE))));
        c.add(new Chain("Dense on rank 3 → Activation(elu)", new int[] {2, 4, 7}, List.of(
                new Dense("dense", random(r, 7, 5), null, Linear.INSTANCE), new ActivationLayer("act", new Elu(1f)))));
        // a ZeroPadding2D folded into the convolution after it (MobileNetV2's and EfficientNet's stride-2 blocks)
        c.add(new Chain("ZeroPadding2D((0,1),(0,1)) → DepthwiseConv2D(valid, stride 2) → BN → ReLU(6)", new int[] {2, 12, 12, 32}, List.of(
                new ZeroPadding2D("pad", 0, 1, 0, 1),
                new DepthwiseConv2D("dw", random(r, 3, 3, 32, 1), null, TWO, Padding.VALID, ONE, null),
                bn(r, "bn", 32, -1), new ReLU("act", 6f, 0f, 0f))));
        c.add(new Chain("ZeroPadding2D((2,1),(1,3)) → DepthwiseConv2D 5x5 (same) → BN", new int[] {1, 9, 14, 40}, List.of(
                new ZeroPadding2D("pad", 2, 1, 1, 3),
                new DepthwiseConv2D("dw", random(r, 5, 5, 40, 1), random(r, 40), ONE, Padding.SAME, ONE, null),
                bn(r, "bn", 40, -1))));
        c.add(new Chain("ZeroPadding2D((3,3),(3,3)) → Conv2D 7x7 stride 2 (valid) → BN → Activation(relu)", new int[] {1, 20, 18, 3}, List.of(
                new ZeroPadding2D("pad", 3, 3, 3, 3),
                new Conv2D("conv", random(r, 7, 7, 3, 16), random(r, 16), TWO, Padding.VALID, ONE, 1, null),
                bn(r, "bn", 16, -1), new ActivationLayer("act", Relu.PLAIN))));
        c.add(new Chain("ZeroPadding2D((1,0),(2,1)) → Conv2D 1x1 (no BN)", new int[] {1, 6, 7, 20}, List.of(
                new ZeroPadding2D("pad", 1, 0, 2, 1),
                new Conv2D("conv", random(r, 1, 1, 20, 24), random(r, 24), ONE, Padding.VALID, ONE, 1, null))));
        c.add(new Chain("ZeroPadding2D((1,1),(1,1)) → Conv2D 3x3 32→40 (Winograd's shape) → BN", new int[] {1, 10, 10, 32}, List.of(
                new ZeroPadding2D("pad", 1, 1, 1, 1),
                new Conv2D("conv", random(r, 3, 3, 32, 40), null, ONE, Padding.VALID, ONE, 1, null),
                bn(r, "bn", 40, -1))));
        SplittableRandom inputs = new SplittableRandom(7);
        return c.stream().map(ch -> Arguments.of(ch, random(inputs, ch.inputShape())));
    }

    private static Graph graphOf(Chain chain) {
        int[] declared = chain.inputShape().clone();
        declared[0] = -1;
        GraphBuilder b = Graph.builder("m").input("x", declared);
        for (SingleInputLayer l : chain.layers()) b.then(l);
        return b.build();
    }

    /** The unfused result: each layer's own forward, one after the other; every intermediate kept. */
    private static List<Tensor> unfused(Chain chain, Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor t = x;
        for (SingleInputLayer l : chain.layers()) out.add(t = l.forward(t));
        return out;
    }

    private static List<String> names(Chain chain) {
        return chain.layers().stream().map(SingleInputLayer::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void fusedPredictMatchesUnfusedLayers(Chain chain, Tensor x) {
        Graph g = graphOf(chain);
        assertEquals(List.of(names(chain)), g.fusedChains(g.outputNames()), "the whole chain is fused");
        Tensor ref = unfused(chain, x).getLast();
        Tensor fused = g.predict(x);
        assertArrayEquals(ref.shape(), fused.shape());
        assertClose(chain + " fused vs unfused", ref, fused, 1e-5);
        boolean hasBn = chain.layers().stream().anyMatch(l -> l instanceof BatchNormalization);
        if (hasBn) {
            // Folding changes rounding: an identical result would mean the fused layer did not run.
            assertFalse(java.util.Arrays.equals(ref.data(), fused.data()),
                    chain + ": fused output is bit-identical to the unfused one; was the chain really fused?");
        }
        withFusionOff(() -> {
            assertEquals(List.of(), g.fusedChains(g.outputNames()));
            assertArrayEquals(ref.data(), g.predict(x).data(), chain + " with -Dconvscope.fuse=off is the unfused value");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void askingForAnyInnerLayerDisablesTheFusionAndGivesExactValues(Chain chain, Tensor x) {
        Graph g = graphOf(chain);
        List<String> names = names(chain);
        List<Tensor> ref = unfused(chain, x);
        for (int i = 0; i < names.size() - 1; i++) {
            List<String> wanted = List.of(names.get(i), names.getLast());
            assertEquals(List.of(), g.fusedChains(wanted), "asking for " + names.get(i));
            Map<String, Tensor> got = g.activations(x, wanted);
            assertArrayEquals(ref.get(i).data(), got.get(names.get(i)).data(), chain + ": " + names.get(i) + " exactly");
            assertArrayEquals(ref.getLast().data(), got.get(names.getLast()).data(), chain + ": output exactly");
            // Asking for the inner layer alone: the chain's tail is not even computed.
            assertArrayEquals(ref.get(i).data(), g.activations(x, List.of(names.get(i))).get(names.get(i)).data());
        }
    }

    @Test
    void aConvOutputWithTwoConsumersIsNotFused() {
        SplittableRandom r = new SplittableRandom(3);
        Conv2D conv = new Conv2D("conv", random(r, 3, 3, 4, 4), random(r, 4), ONE, Padding.SAME, ONE, 1, null);
        BatchNormalization norm = bn(r, "bn", 4, -1);
        ActivationLayer act = new ActivationLayer("act", Relu.PLAIN);
        Graph g = Graph.builder("residual").input("x", -1, 6, 6, 4)
                .add(conv, "x").add(norm, "conv").add(act, "bn").add(new Add("sum"), "act", "conv")
                .build();
        assertEquals(List.of(), g.fusedChains(List.of("sum")));
        Tensor x = random(new SplittableRandom(4), 1, 6, 6, 4);
        Tensor c = conv.forward(x), a = act.forward(norm.forward(c));
        Tensor expected = new Add("ref").forward(List.of(a, c));
        assertArrayEquals(expected.data(), g.predict(x).data(), "unfused, hence exact");
    }

    /**
     * The end of a residual block on a convolution, {@code after(add([x, bn(conv(x))]))} with a
     * Dropout (inference: identity) before the Add as in EfficientNet, the shortcut on either side:
     * one fused layer that adds the shortcut in the GEMM's epilogue (1×1 pointwise, 3×3 im2col),
     * or after the convolution (3×3 on Winograd's shape, a direct-kernel shape), all equal to the
     * unfused layers; asking for the Add's input leaves it unfused and exact.
     */
    @Test
    void convolutionAddFusesTheShortcut() {
        SplittableRandom r = new SplittableRandom(31);
        int[][] shapes = {{1, 1, 24, 24}, {3, 3, 24, 24}, {3, 3, 32, 32}, {3, 3, 2, 2}};
        for (int[] ks : shapes) {
            for (boolean convFirst : new boolean[] {true, false}) {
                for (boolean act : new boolean[] {true, false}) {
                    int cin = ks[2];
                    Conv2D conv = new Conv2D("conv", random(r, ks), random(r, ks[3]), ONE, Padding.SAME, ONE, 1, null);
                    BatchNormalization bn = bn(r, "bn", ks[3], -1);
                    GraphBuilder b = Graph.builder("res").input("x", -1, 9, 11, cin)
                            .add(conv, "x").add(bn, "conv").add(new org.convscope.layers.Identity("drop", "Dropout"), "bn")
                            .add(new Add("sum"), convFirst ? "drop" : "x", convFirst ? "x" : "drop");
                    if (act) b.add(new ActivationLayer("act", new Relu(6f, 0f, 0f)), "sum");
                    Graph g = b.build();
                    String tail = act ? "act" : "sum";
                    List<String> chain = act ? List.of("conv", "bn", "drop", "sum", "act") : List.of("conv", "bn", "drop", "sum");
                    String what = java.util.Arrays.toString(ks) + (convFirst ? " conv first" : " shortcut first") + (act ? " + relu6" : "");
                    assertEquals(List.of(chain), g.fusedChains(List.of(tail)), what);
                    Tensor x = random(new SplittableRandom(32), 2, 9, 11, cin);
                    Tensor unfused = withFusionOff(() -> g.predict(x));
                    assertClose(what + " fused vs unfused", unfused, g.predict(x), 3e-5);   // Winograd F(4x4) on the 32-channel case
                    assertFalse(java.util.Arrays.equals(unfused.data(), g.predict(x).data()), what + ": the fused layer ran (folding rounds differently)");
                    Map<String, Tensor> inner = g.activations(x, List.of("drop", tail));
                    assertEquals(List.of(), g.fusedChains(List.of("drop", tail)));
                    assertArrayEquals(unfused.data(), inner.get(tail).data(), what + ": unfused when the Add's input is asked for");
                }
            }
        }
        // a shortcut that broadcasts, or an Add of three: the convolution chain stops before the Add
        Conv2D conv = new Conv2D("conv", random(r, 1, 1, 3, 3), null, ONE, Padding.SAME, ONE, 1, null);
        Graph bcast = Graph.builder("bcast").input("x", -1, 4, 4, 3).input("b", -1, 1, 1, 3)
                .add(conv, "x").add(bn(r, "bn", 3, -1), "conv").add(new Add("sum"), "bn", "b").build();
        assertEquals(List.of(List.of("conv", "bn")), bcast.fusedChains(List.of("sum")));
    }

    /**
     * The end of a residual block, {@code relu(add([maxpool(x), shortcut]))}, runs as one layer whose
     * result is bit for bit the unfused one, the shortcut on either side of the Add; asking for the
     * pool's or the Add's output, an Add of the pool with itself, or a shortcut that broadcasts
     * leaves the chain unfused.
     */
    @Test
    void poolingAddAndActivationFuseExactly() {
        SplittableRandom r = new SplittableRandom(21);
        for (boolean poolFirst : new boolean[] {true, false}) {
            Conv2D shortcut = new Conv2D("short", random(r, 1, 1, 24, 24), null, TWO, Padding.SAME, ONE, 1, null);
            MaxPooling2D pool = new MaxPooling2D("pool", new int[] {3, 3}, TWO, Padding.SAME);
            ActivationLayer act = new ActivationLayer("act", Relu.PLAIN);
            Graph g = Graph.builder("block").input("x", -1, 9, 11, 24)
                    .add(shortcut, "x").add(pool, "x")
                    .add(new Add("sum"), poolFirst ? "pool" : "short", poolFirst ? "short" : "pool")
                    .add(act, "sum")
                    .build();
            assertEquals(List.of(List.of("pool", "sum", "act")), g.fusedChains(List.of("act")));
            Tensor x = random(new SplittableRandom(22), 2, 9, 11, 24);
            Tensor p = pool.forward(x), s = shortcut.forward(x);
            Tensor expected = act.forward(new Add("ref").forward(poolFirst ? List.of(p, s) : List.of(s, p)));
            assertArrayEquals(expected.data(), g.predict(x).data(), "fused, and still exact");
            assertArrayEquals(expected.data(), withFusionOff(() -> g.predict(x)).data(), "unfused");
            assertEquals(List.of(), g.fusedChains(List.of("act", "sum")), "asking for the Add's output");
            Map<String, Tensor> inner = g.activations(x, List.of("pool", "act"));
            assertArrayEquals(p.data(), inner.get("pool").data());
            assertArrayEquals(expected.data(), inner.get("act").data());
        }
        MaxPooling2D pool = new MaxPooling2D("pool", new int[] {2, 2}, TWO, Padding.VALID);
        Graph twice = Graph.builder("twice").input("x", -1, 4, 4, 3).add(pool, "x").add(new Add("sum"), "pool", "pool").build();
        assertEquals(List.of(), twice.fusedChains(List.of("sum")));
        Tensor x = random(new SplittableRandom(23), 1, 4, 4, 3);
        Tensor p = pool.forward(x);
        assertArrayEquals(new Add("ref").forward(List.of(p, p)).data(), twice.predict(x).data());
        Graph broadcast = Graph.builder("bcast").input("x", -1, 4, 4, 3).input("b", -1, 1, 1, 3)
                .add(pool, "x").add(new Add("sum"), "pool", "b").build();
        assertEquals(List.of(), broadcast.fusedChains(List.of("sum")), "a shortcut that broadcasts is not fused");
    }

    /**
     * NASNet's normal cell, {@code relu(add([max_pool(x), avg_pool(x)]))}: both poolings could start
     * a pool → Add chain, and both would claim the same Add (one pooling was then never computed and
     * predict failed). Exactly one chain is kept, and the fused result is the unfused one, bit for bit.
     */
    @Test
    void anAddOfTwoPoolingsIsClaimedByOneChainOnly() {
        for (boolean maxFirst : new boolean[] {true, false}) {
            MaxPooling2D max = new MaxPooling2D("max", new int[] {3, 3}, ONE, Padding.SAME);
            org.convscope.layers.AveragePooling2D avg = new org.convscope.layers.AveragePooling2D("avg", new int[] {3, 3}, ONE, Padding.SAME);
            ActivationLayer act = new ActivationLayer("act", Relu.PLAIN);
            Graph g = Graph.builder("cell").input("x", -1, 7, 6, 5)
                    .add(max, "x").add(avg, "x")
                    .add(new Add("sum"), maxFirst ? "max" : "avg", maxFirst ? "avg" : "max")
                    .add(act, "sum")
                    .build();
            List<List<String>> chains = g.fusedChains(List.of("act"));
            assertEquals(1, chains.size(), chains::toString);
            assertEquals(List.of("sum", "act"), chains.get(0).subList(1, 3), chains::toString);
            Tensor x = random(new SplittableRandom(31), 2, 7, 6, 5);
            Tensor a = max.forward(x), b = avg.forward(x);
            Tensor expected = act.forward(new Add("ref").forward(maxFirst ? List.of(a, b) : List.of(b, a)));
            assertArrayEquals(expected.data(), g.predict(x).data(), "fused predict of the Add of two poolings");
            assertArrayEquals(expected.data(), withFusionOff(() -> g.predict(x)).data(), "unfused");
            // asking for the pooling of the kept chain switches it off: the other chain is not used either
            String head = chains.get(0).get(0);
            Map<String, Tensor> inner = g.activations(x, List.of(head, "act"));
            assertArrayEquals(expected.data(), inner.get("act").data());
        }
    }

    /**
     * Keras 3 writes hard-sigmoid after a convolution as three op nodes, {@code relu6(conv + 3) · (1/6)}:
     * the whole run of elementwise functions goes into the convolution's epilogue, in order.
     */
    @Test
    void aRunOfElementwiseOpsFusesIntoTheConvolution() {
        SplittableRandom r = new SplittableRandom(41);
        Conv2D conv = new Conv2D("conv", random(r, 3, 3, 4, 6), random(r, 6), ONE, Padding.SAME, ONE, 1, null);
        var plus3 = new org.convscope.layers.OpLayer("add", "Add", "keras.src.ops.numpy",
                new org.convscope.activation.ScalarArithmetic(org.convscope.activation.ScalarArithmetic.Op.ADD, 3f, false));
        var relu6 = new org.convscope.layers.OpLayer("relu6", "Relu6", "keras.src.ops.nn", org.convscope.activation.Relu6.INSTANCE);
        var sixth = new org.convscope.layers.OpLayer("mul", "Multiply", "keras.src.ops.numpy",
                new org.convscope.activation.ScalarArithmetic(org.convscope.activation.ScalarArithmetic.Op.MULTIPLY, (float) (1.0 / 6), false));
        Graph g = Graph.builder("hs").input("x", -1, 6, 5, 4).then(conv).then(plus3).then(relu6).then(sixth).build();
        assertEquals(List.of(List.of("conv", "add", "relu6", "mul")), g.fusedChains(List.of("mul")));
        Tensor x = random(new SplittableRandom(42), 2, 6, 5, 4);
        Tensor expected = sixth.forward(relu6.forward(plus3.forward(conv.forward(x))));
        assertClose("conv → x+3 → relu6 → x/6 fused", expected, g.predict(x), 1e-6);
        assertEquals(List.of(), g.fusedChains(List.of("add", "mul")), "asking for an inner node runs the chain unfused");
        assertArrayEquals(plus3.forward(conv.forward(x)).data(), g.activations(x, List.of("add", "mul")).get("add").data());
        assertArrayEquals(expected.data(), withFusionOff(() -> g.predict(x)).data(), "unfused: the separate nodes");
    }

    @Test
    void aBatchNormWithTwoConsumersEndsTheChain() {
        SplittableRandom r = new SplittableRandom(5);
        Conv2D conv = new Conv2D("conv", random(r, 3, 3, 2, 3), random(r, 3), ONE, Padding.SAME, ONE, 1, null);
        BatchNormalization norm = bn(r, "bn", 3, -1);
        ActivationLayer act = new ActivationLayer("act", Relu.PLAIN);
        Graph g = Graph.builder("m").input("x", -1, 5, 5, 2)
                .add(conv, "x").add(norm, "conv").add(act, "bn").add(new Add("sum"), "act", "bn")
                .build();
        assertEquals(List.of(List.of("conv", "bn")), g.fusedChains(List.of("sum")));
        Tensor x = random(new SplittableRandom(6), 2, 5, 5, 2);
        Tensor b = norm.forward(conv.forward(x));
        Tensor expected = new Add("ref").forward(List.of(act.forward(b), b));
        assertClose("conv+bn fused, act and sum unfused", expected, g.predict(x), 1e-5);
    }

    @Test
    void notFused_convWithItsOwnActivation_softmaxLayer_bnOnAnotherAxis() {
        SplittableRandom r = new SplittableRandom(8);
        Graph g = Graph.builder("m").input("x", -1, 6, 6, 3)
                // relu inside the conv sits between product and BN: folding would be wrong
                .then(new Conv2D("c1", random(r, 3, 3, 3, 4), null, ONE, Padding.SAME, ONE, 1, Relu.PLAIN))
                .then(bn(r, "bn1", 4, -1))
                // softmax is not elementwise
                .then(new Conv2D("c2", random(r, 1, 1, 4, 6), null, ONE, Padding.SAME, ONE, 1, null))
                .then(new ActivationLayer("soft", SoftmaxActivation.SOFTMAX))
                // BN over the rows axis (1, size 6) is not per output channel
                .then(new Conv2D("c3", random(r, 1, 1, 6, 5), null, ONE, Padding.SAME, ONE, 1, null))
                .then(bn(r, "bn3", 6, 1))
                .build();
        assertEquals(List.of(), g.fusedChains(g.outputNames()));
    }

    @Test
    void countOfFusedChainsDependsOnWhatIsAsked() {
        SplittableRandom r = new SplittableRandom(9);
        Graph g = Graph.builder("two").input("x", -1, 8, 8, 3)
                .then(new Conv2D("c1", random(r, 3, 3, 3, 6), null, ONE, Padding.SAME, ONE, 1, null))
                .then(bn(r, "b1", 6, -1))
                .then(new ActivationLayer("a1", Relu.PLAIN))
                .then(new SeparableConv2D("s2", random(r, 3, 3, 6, 1), random(r, 1, 1, 6, 5), null, ONE, Padding.SAME, ONE, null))
                .then(bn(r, "b2", 5, -1))
                .then(new ActivationLayer("a2", Relu.PLAIN))
                .then(new Dense("d3", random(r, 5, 4), random(r, 4), null))
                .build();
        assertEquals(List.of(List.of("c1", "b1", "a1"), List.of("s2", "b2", "a2")), g.fusedChains(List.of("d3")));
        assertEquals(List.of(List.of("s2", "b2", "a2")), g.fusedChains(List.of("d3", "b1")));
        assertEquals(List.of(List.of("c1", "b1", "a1")), g.fusedChains(List.of("a1", "s2")));
        assertEquals(List.of(List.of("c1", "b1", "a1")), g.fusedChains(List.of("a1")), "s2's chain is not computed");
        assertEquals(List.of(), g.fusedChains(List.of("b1")), "b1 is asked for and a1 is not computed");
        assertEquals(List.of(), g.fusedChains(List.of("c1", "b2")));
        // The values follow the plan: all fused vs every layer requested (nothing fused).
        Tensor x = random(new SplittableRandom(10), 1, 8, 8, 3);
        List<String> all = g.nodes().stream().map(Node::name).filter(n -> !n.equals("x")).toList();
        assertEquals(List.of(), g.fusedChains(all));
        Tensor unfused = g.activations(x, all).get("d3");
        assertClose("two fused chains", unfused, g.predict(x), 1e-5);
    }

    @Test
    void fusionIsOffWhenTheGraphIsBuiltUnderTheProperty() {
        SplittableRandom r = new SplittableRandom(11);
        Conv2D conv = new Conv2D("conv", random(r, 3, 3, 2, 3), random(r, 3), ONE, Padding.SAME, ONE, 1, null);
        BatchNormalization norm = bn(r, "bn", 3, -1);
        Supplier<Graph> build = () -> Graph.builder("m").input("x", -1, 4, 4, 2).then(conv).then(norm).build();
        Graph built = withFusionOff(build::get);
        assertEquals(List.of(), built.fusedChains(built.outputNames()), "built with fusion off: no chain precomputed");
        assertEquals(List.of(List.of("conv", "bn")), build.get().fusedChains(List.of("bn")));
    }

    // ---- helpers ----

    private static <T> T withFusionOff(Supplier<T> body) {
        return org.convscope.engine.EngineConfig.global().withFuse(false).get(body);
    }

    /** |got − ref| ≤ rel·max|ref| everywhere; on failure prints the first mismatches and the max error. */
    static void assertClose(String what, Tensor ref, Tensor got, double rel) {
        assertArrayEquals(ref.shape(), got.shape(), what + ": shape");
        float[] a = ref.data(), b = got.data();
        double max = 0;
        for (float v : a) max = Math.max(max, Math.abs(v));
        double tol = rel * max, worst = 0;
        StringBuilder first = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs((double) a[i] - b[i]);
            worst = Math.max(worst, e);
            if (!(e <= tol) && bad++ < 5) first.append(String.format("%n  [%d] ref %.8g got %.8g", i, a[i], b[i]));
        }
        if (bad > 0) fail(what + ": " + bad + " of " + a.length + " values differ by more than " + tol
                + " (max |ref| " + max + "), max error " + worst + first);
        assertTrue(max > 0, what + ": the reference is all zeros, the test would prove nothing");
    }
}
