package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convscope.activation.Relu;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.geometry.Padding;
import org.convscope.layers.Rescaling;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Layer paths into nested models, two levels deep, built with the core API:
 * <pre>
 *   outer: img → pre (Rescaling) → mid → gap → dense(softmax)
 *   mid:   in → stem (Conv2D 1x1) → inner → pool (MaxPooling2D)
 *   inner: x → c1 (Conv2D 3x3) → bn → act (ReLU) → dw (DepthwiseConv2D)
 * </pre>
 * An inner node's output through the outer graph is checked against the nested models run alone on
 * the outer producer's output, and against the seven-loop reference convolution.
 */
class NestedPathTest {
    private static final int[] ONE = {1, 1};

    private static Tensor random(SplittableRandom r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return Tensor.of(v, shape);
    }

    record Models(Graph outer, Graph mid, Graph inner, Conv2D c1, BatchNormalization bn) { }

    static Models build() {
        SplittableRandom r = new SplittableRandom(1907);
        Conv2D c1 = new Conv2D("c1", random(r, 3, 3, 4, 6), random(r, 6), ONE, Padding.SAME, ONE, 1, null);
        float[] var = new float[6];
        for (int i = 0; i < 6; i++) var[i] = (float) (0.2 + r.nextDouble());
        BatchNormalization bn = new BatchNormalization("bn", -1, 1e-3f, random(r, 6), random(r, 6), random(r, 6), Tensor.of(var, 6));
        Graph inner = Graph.builder("inner").input("x", -1, 8, 8, 4)
                .then(c1).then(bn).then(new ActivationLayer("act", Relu.PLAIN))
                .then(new DepthwiseConv2D("dw", random(r, 3, 3, 6, 1), random(r, 6), ONE, Padding.SAME, ONE, null))
                .build();
        Graph mid = Graph.builder("mid").input("in", -1, 8, 8, 3)
                .then(new Conv2D("stem", random(r, 1, 1, 3, 4), random(r, 4), ONE, Padding.VALID, ONE, 1, null))
                .then(inner).then(new MaxPooling2D("pool", new int[] {2, 2}, new int[] {2, 2}, Padding.VALID))
                .build();
        Graph outer = Graph.builder("outer").input("img", -1, 8, 8, 3)
                .then(new Rescaling("pre", new float[] {0.5f}, new float[] {-0.25f})).then(mid)
                .then(new GlobalAveragePooling2D("gap", false))
                .then(new Dense("dense", random(r, 6, 5), random(r, 5), SoftmaxActivation.SOFTMAX))
                .build();
        return new Models(outer, mid, inner, c1, bn);
    }

    private static Tensor input() { return random(new SplittableRandom(5), 2, 8, 8, 3); }

    @Test
    void anInnerLayerTwoLevelsDeepEqualsTheNestedModelsRunAlone() {
        Models m = build();
        Tensor x = input();
        Map<String, Tensor> got = m.outer().activations(x, List.of("mid/inner/c1", "mid/inner/act", "mid/stem", "dense"));
        assertEquals(List.of("mid/inner/c1", "mid/inner/act", "mid/stem", "dense"), List.copyOf(got.keySet()), "in the order asked");

        // the independent route: the producer's output from the outer graph, then each nested model alone
        Tensor pre = m.outer().activations(x, List.of("pre")).get("pre");
        Tensor stem = m.mid().activations(pre, List.of("stem")).get("stem");
        Map<String, Tensor> alone = m.inner().activations(stem, List.of("c1", "act"));
        assertArrayEquals(stem.data(), got.get("mid/stem").data(), 0f);
        assertArrayEquals(alone.get("c1").data(), got.get("mid/inner/c1").data(), 1e-6f);
        assertArrayEquals(alone.get("act").data(), got.get("mid/inner/act").data(), 1e-5f);

        // the seven-loop reference convolution: the plain conv, not conv+BN+ReLU fused
        Tensor ref = ReferenceConv2D.conv2d(stem, m.c1().weights().get(0).value(), m.c1().weights().get(1).value(), ONE, Padding.SAME, ONE, 1);
        assertEquals(0, ref.maxAbsDiff(got.get("mid/inner/c1")), 1e-5, "mid/inner/c1 is the convolution alone");
        Tensor bnRelu = m.bn().forward(List.of(ref));
        float[] relu = bnRelu.data().clone();
        for (int i = 0; i < relu.length; i++) relu[i] = Math.max(0f, relu[i]);
        assertArrayEquals(relu, got.get("mid/inner/act").data(), 1e-5f);
        assertNotEquals(0, ref.maxAbsDiff(got.get("mid/inner/act")), 1e-3, "the fused value differs from the conv alone");

        assertArrayEquals(m.outer().predict(x).data(), got.get("dense").data(), 1e-6f, "the flattened run predicts like the nested one");
    }

    @Test
    void askingForAnInnerNodeTurnsOffTheFusionThatWouldSkipIt() {
        Graph outer = build().outer();
        List<String> fusedForPredict = outer.fusedChains(outer.outputNames()).stream().map(c -> String.join(">", c)).toList();
        List<String> fusedForInner = outer.fusedChains(List.of("mid/inner/c1")).stream().map(c -> String.join(">", c)).toList();
        assertTrue(outer.flattened().fusedChains(outer.outputNames()).stream().anyMatch(c -> c.equals(List.of("mid/inner/c1", "mid/inner/bn", "mid/inner/act"))),
                "the flattened graph fuses the inner chain for a plain predict");
        assertEquals(List.of(), fusedForPredict, "the outer graph itself has no chain (its convs are nested)");
        assertFalse(fusedForInner.stream().anyMatch(c -> c.startsWith("mid/inner/c1")), "a requested conv is not fused away: " + fusedForInner);
    }

    @Test
    void pathsResolveToTheNestedModelsOwnNodesAndShapes() {
        Models m = build();
        Graph outer = m.outer();
        assertTrue(outer.hasNode("mid/inner/c1"));
        assertFalse(outer.hasNode("mid/inner/c9"));
        assertSame(m.c1(), outer.node("mid/inner/c1").layer(), "the same layer object, no copy");
        assertEquals(List.of("mid/inner/bn"), outer.node("mid/inner/act").inbound());
        assertArrayEquals(new int[] {-1, 8, 8, 6}, outer.shapeOf("mid/inner/c1"));
        assertArrayEquals(new int[] {-1, 4, 4, 6}, outer.shapeOf("mid"));

        LayerPath.Target t = LayerPath.resolve(outer, "mid/inner/c1");
        assertEquals(2, t.depth());
        assertSame(m.inner(), t.model());
        assertEquals("c1", t.node().name());
        assertEquals(List.of("mid", "inner", "c1"), t.nodes().stream().map(Node::name).toList());

        Graph flat = outer.flattened();
        assertSame(flat, outer.flattened(), "made once");
        assertSame(flat, flat.flattened(), "a flat graph is its own flattening");
        assertEquals(List.of("img", "pre", "mid/in", "mid/stem", "mid/inner/x", "mid/inner/c1", "mid/inner/bn", "mid/inner/act",
                "mid/inner/dw", "mid/inner", "mid/pool", "mid", "gap", "dense"), flat.nodes().stream().map(Node::name).toList());
        assertEquals("InputLayer", flat.node("mid/inner/x").layer().kerasClass());
        assertEquals(List.of("mid/stem"), flat.node("mid/inner/x").inbound());
    }

    @Test
    void aWrongPathSaysWhichSegmentFailedAndWhatIsNear() {
        Graph outer = build().outer();
        String deep = assertThrows(IllegalArgumentException.class, () -> outer.activations(input(), List.of("mid/inner/c2"))).getMessage();
        assertTrue(deep.startsWith("model 'outer' has no layer 'mid/inner/c2': nested model 'mid/inner' has no layer 'c2'; did you mean 'mid/inner/c1'"), deep);
        String first = assertThrows(IllegalArgumentException.class, () -> outer.node("mdi/inner/c1")).getMessage();
        assertTrue(first.contains("has no layer 'mdi/inner/c1'; did you mean 'mid'?"), first);
        String notModel = assertThrows(IllegalArgumentException.class, () -> outer.shapeOf("mid/stem/x")).getMessage();
        assertEquals("model 'outer' has no layer 'mid/stem/x': layer 'mid/stem' is a Conv2D, not a nested model, so 'x' cannot be inside it", notModel);
    }

    @Test
    void aNestedModelAppliedTwiceHasTwoSetsOfPaths() {
        SplittableRandom r = new SplittableRandom(3);
        Graph base = Graph.builder("base").input("x", -1, 5, 5, 2)
                .then(new Conv2D("conv", random(r, 3, 3, 2, 3), null, ONE, Padding.SAME, ONE, 1, null)).build();
        Graph twice = Graph.builder("twice").input("a", -1, 5, 5, 2).input("b", -1, 5, 5, 2)
                .add(new Node("base", base, List.of("a"))).add(new Node("base:1", base, List.of("b"))).outputs("base", "base:1").build();
        Tensor a = random(r, 1, 5, 5, 2), b = random(r, 1, 5, 5, 2);
        Map<String, Tensor> got = twice.run(Map.of("a", a, "b", b), List.of("base/conv", "base:1/conv"));
        assertArrayEquals(base.predict(a).data(), got.get("base/conv").data(), 1e-6f);
        assertArrayEquals(base.predict(b).data(), got.get("base:1/conv").data(), 1e-6f);
    }

    /** Gradients (saliency, Grad-CAM) of an objective at an inner path, against central differences. */
    @Test
    void theGradientOfAnInnerLayerMatchesFiniteDifferences() {
        Graph outer = build().outer();
        Tensor x = random(new SplittableRandom(9), 1, 8, 8, 3);
        var objective = org.convscope.grad.Objectives.channelMean("mid/inner/c1", 2);
        var r = org.convscope.grad.Backprop.compute(outer, x, objective);
        Tensor g = r.gradient("img");
        assertEquals(objective.value(outer.activations(x, List.of("mid/inner/c1"))), r.value(), 1e-6);
        float h = 1e-2f;
        for (int i : new int[] {0, 37, 100, 191}) {
            Tensor up = x.copy(), down = x.copy();
            up.data()[i] += h;
            down.data()[i] -= h;
            double fd = (objective.value(outer.activations(up, List.of("mid/inner/c1")))
                    - objective.value(outer.activations(down, List.of("mid/inner/c1")))) / (2 * h);
            assertEquals(fd, g.data()[i], 1e-3, "input value " + i);
        }
    }
}
