package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.geometry.Padding;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.reference.ReferenceConv2DTranspose;
import org.convscope.reference.ReferenceDepthwiseConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fast layers against the reference loops on seeded random geometries: batch 1-3, H and W 1-17,
 * channels 1-9, kernels 1-7 (even and rectangular), strides 1-3, dilation 1-3, both paddings,
 * groups 1-3. Cases whose output would be empty are skipped (and must be rejected by the layer).
 * Tolerance: max|err| <= 1e-5 · max|ref|.
 */
class ConvSweepTest {
    private static final double TOL = 1e-5;
    private static final int[] ONE = {1, 1};
    /** The scalar GEMM, run on every case besides the engine's default (the Vector API one when available). */
    private static final Gemm SCALAR = Gemms.forSetting("off", 1);
    private static final Activation[] ACTS = {null, org.convscope.activation.Relu.PLAIN, TestTensors.RELU, TestTensors.TANH, TestTensors.SOFTMAX,
            org.convscope.activation.Relu6.INSTANCE, new org.convscope.activation.Relu(0.5f, 0f, 0f)};   // the clamps fused into kernels

    /** One random geometry (shared by all four sweeps). */
    private record Case(int batch, int h, int w, int kh, int kw, int[] strides, int[] dilation, Padding padding) {
        static Case random(SplittableRandom r) {
            int kh = 1 + r.nextInt(7), kw = 1 + r.nextInt(7);
            int[] st = {1 + r.nextInt(3), 1 + r.nextInt(3)}, dl = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            if (r.nextInt(8) == 0) { kh = kw = 1; st = new int[] {1, 1}; }         // the 1x1 stride-1 fast path
            return new Case(1 + r.nextInt(3), 1 + r.nextInt(17), 1 + r.nextInt(17), kh, kw, st, dl,
                    r.nextBoolean() ? Padding.SAME : Padding.VALID);
        }

        boolean emptyOutput() {
            return padding == Padding.VALID && (h < (kh - 1) * dilation[0] + 1 || w < (kw - 1) * dilation[1] + 1);
        }

        @Override public String toString() {
            return "batch " + batch + " " + h + "x" + w + " kernel " + kh + "x" + kw + " strides " + Arrays.toString(strides)
                    + " dilation " + Arrays.toString(dilation) + " " + padding;
        }
    }

    private static String actName(Activation a) { return a == null ? "linear" : a.name(); }

    @Test
    void conv2dMatchesReference() {
        SplittableRandom r = new SplittableRandom(20240601);
        int ran = 0, skipped = 0, pointwise = 0, winograd = 0, direct = 0;
        Set<String> seen = new TreeSet<>();
        long t0 = System.nanoTime();
        while (ran < 5000) {
            Case c = Case.random(r);
            int groups = 1 + r.nextInt(3);
            if (r.nextInt(10) == 0) {       // the Winograd geometry: 3x3, stride 1, dilation 1, one group
                c = new Case(c.batch, c.h, c.w, 3, 3, new int[] {1, 1}, new int[] {1, 1}, c.padding);
                groups = 1;
            }
            int cin = groups * (1 + r.nextInt(9 / groups)), cout = groups * (1 + r.nextInt(9 / groups));
            Tensor kernel = TestTensors.random(r, c.kh, c.kw, cin / groups, cout);
            Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
            Activation act = ACTS[r.nextInt(ACTS.length)];
            Conv2D layer = new Conv2D("sweep", kernel, bias, c.strides, c.padding, c.dilation, groups, act);
            Tensor x = TestTensors.random(r, c.batch, c.h, c.w, cin);
            if (c.emptyOutput()) {
                assertRejectsEmpty(() -> layer.forward(x));
                skipped++;
                continue;
            }
            Tensor expected = TestTensors.activate(
                    ReferenceConv2D.conv2d(x, kernel, bias, c.strides, c.padding, c.dilation, groups), act);
            String what = "Conv2D case " + ran + ": " + c + " cin " + cin + " cout " + cout + " groups " + groups
                    + " bias " + (bias != null) + " " + actName(act);
            TestTensors.assertClose(what + " [" + Gemms.defaultGemm().name() + "]", expected, layer.forward(x), TOL);
            Conv2DEngine scalar = new Conv2DEngine(kernel, bias, c.strides, c.padding, c.dilation, groups, act);
            TestTensors.assertClose(what + " [scalar]", expected, scalar.forward(x, "sweep", SCALAR), TOL);
            if (scalar.usesDirect()) direct++;     // the layer's engine (same choice) ran the direct kernel
            if (WinogradConv2D.applies(c.kh, c.kw, c.strides, c.dilation, groups)) {
                // the layer's rule keeps these few channels on the implicit GEMM; force F(2x2, 3x3)
                Conv2DEngine wino = new Conv2DEngine(kernel, bias, c.strides, c.padding, c.dilation, groups, act, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.ON));
                TestTensors.assertClose(what + " [Winograd]", expected, wino.forward(x, "sweep"), TOL);
                TestTensors.assertClose(what + " [Winograd, scalar GEMM]", expected, wino.forward(x, "sweep", SCALAR), TOL);
                winograd++;
            }
            ran++;
            if (c.kh == 1 && c.kw == 1 && c.strides[0] == 1 && c.strides[1] == 1) pointwise++;
            seen.add("s" + c.strides[0]); seen.add("d" + c.dilation[1]); seen.add("g" + groups); seen.add(c.padding.name());
            if (c.kh % 2 == 0 && c.padding == Padding.SAME) seen.add("even-same");
            if (c.kh != c.kw) seen.add("rect");
        }
        report("Conv2D", ran, skipped, t0);
        System.out.println("  each through " + Gemms.defaultGemm().name() + " and " + SCALAR.name());
        System.out.println("  of which 1x1 stride-1 (no im2col): " + pointwise);
        System.out.println("  of which 3x3 stride-1 also through Winograd F(2x2,3x3) (default and scalar GEMM): " + winograd);
        System.out.println("  of which through the direct short-reduction kernel (kh·kw·cin <= 32): " + direct);
        assertTrue(pointwise > 100, "1x1 stride-1 path too rarely exercised: " + pointwise);
        if (TestEngines.direct()) assertTrue(direct > 100, "direct path too rarely exercised: " + direct);
        assertTrue(winograd > 300, "Winograd path too rarely exercised: " + winograd);
        assertEquals(Set.of("SAME", "VALID", "d1", "d2", "d3", "even-same", "g1", "g2", "g3", "rect", "s1", "s2", "s3"), seen);
    }

    /**
     * Winograd on wide layers (32–80 channels in and out, where the planner takes it and F(4x4, 3x3)
     * by default): the layer's own path, and both tiles forced, against the seven-loop reference.
     * Under the vector-off and vector-256 executions the same cases run the scalar and 256-bit
     * transforms.
     */
    @Test
    void winogradWideChannelsMatchReference() {
        SplittableRandom r = new SplittableRandom(20261206);
        Activation[] keeping = {null, Activations.get("relu")};
        int f4 = 0;
        for (int ran = 0; ran < 30; ran++) {
            int h = 3 + r.nextInt(14), w = 3 + r.nextInt(14), batch = 1 + r.nextInt(2);
            int cin = 32 + r.nextInt(49), cout = 32 + r.nextInt(49);
            Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            Tensor kernel = TestTensors.random(r, 3, 3, cin, cout);
            Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
            Activation act = keeping[r.nextInt(keeping.length)];
            Tensor x = TestTensors.random(r, batch, h, w, cin);
            Tensor expected = TestTensors.activate(ReferenceConv2D.conv2d(x, kernel, bias, ONE, pad, ONE, 1), act);
            Conv2D layer = new Conv2D("wide", kernel, bias, ONE, pad, ONE, 1, act);
            String what = "wide Winograd case " + ran + ": " + batch + "x" + h + "x" + w + " " + cin + "->" + cout + " " + pad
                    + " " + actName(act) + " [" + layer.kernelPath() + "]";
            TestTensors.assertClose(what, expected, layer.forward(x), TOL);
            if (layer.kernelPath().startsWith("winograd F(4x4")) f4++;
            for (org.convscope.engine.EngineConfig.WinogradTile tile : new org.convscope.engine.EngineConfig.WinogradTile[] {
                    org.convscope.engine.EngineConfig.WinogradTile.F2, org.convscope.engine.EngineConfig.WinogradTile.F4}) {
                Conv2DEngine e = new Conv2DEngine(kernel, bias, ONE, pad, ONE, 1, act, TestEngines.winogradTile(tile));
                TestTensors.assertClose(what + " forced " + tile, expected, e.forward(x, "wide"), TOL);
            }
        }
        assertEquals(30, f4, "the planner takes F(4x4, 3x3) for every wide layer with a linear or ReLU activation");
    }

    @Test
    void depthwiseMatchesReference() {
        SplittableRandom r = new SplittableRandom(11);
        int ran = 0, skipped = 0;
        long t0 = System.nanoTime();
        while (ran < 1500) {
            Case c = Case.random(r);
            int cin = 1 + r.nextInt(9), mult = 1 + r.nextInt(3);
            if (depthwiseCase(r, c, cin, mult, "DepthwiseConv2D case " + ran)) ran++;
            else skipped++;
        }
        report("DepthwiseConv2D", ran, skipped, t0);
    }

    /**
     * Channel counts of real models (16 to 70: whole vectors and remainders of 8 and 16 lanes) on
     * the vector depthwise loops, mostly with a kernel 3 wide at stride 1 and dilation 1 along the
     * row (the blocked row path, any height, stride and dilation down the columns), the rest
     * random; images as narrow as one column, so the blocked part is sometimes empty.
     */
    @Test
    void depthwiseWideChannelsMatchReference() {
        SplittableRandom r = new SplittableRandom(14);
        int ran = 0, skipped = 0, rowPath = 0, rowPathStride2 = 0, blocks = 0;
        long t0 = System.nanoTime();
        while (ran < 500) {
            Case c = Case.random(r);
            int kind = r.nextInt(8);
            if (kind < 5) {
                int kh = 1 + r.nextInt(4);
                c = new Case(c.batch, c.h, 1 + r.nextInt(33), kh, 3, new int[] {c.strides[0], 1 + r.nextInt(2)},
                        new int[] {c.dilation[0], 1}, c.padding);
            } else if (kind < 7) {                   // the 4-pixel blocks of any width (5x5 of EfficientNet), borders included
                int kw = new int[] {1, 2, 4, 5, 5, 7}[r.nextInt(6)];
                c = new Case(c.batch, 4 + r.nextInt(20), 4 + r.nextInt(30), 1 + r.nextInt(6), kw,
                        new int[] {1 + r.nextInt(2), 1 + r.nextInt(2)}, new int[] {1, r.nextInt(4) == 0 ? 2 : 1}, c.padding);
            }
            int cin = 16 + r.nextInt(55), mult = r.nextInt(5) == 0 ? 2 : 1;
            if (!depthwiseCase(r, c, cin, mult, "DepthwiseConv2D wide case " + ran)) {
                skipped++;
                continue;
            }
            if (mult == 1 && c.kw == 3 && c.strides[1] == 1 && c.dilation[1] == 1) rowPath++;
            if (mult == 1 && c.kw == 3 && c.strides[1] == 2 && c.dilation[1] == 1) rowPathStride2++;
            if (mult == 1 && !(c.kw == 3 && c.strides[1] <= 2 && c.dilation[1] == 1) && outW(c) >= 4) blocks++;
            ran++;
        }
        report("DepthwiseConv2D (wide)", ran, skipped, t0);
        assertTrue(rowPath > 100, "kernel-width-3 row path too rarely exercised: " + rowPath);
        assertTrue(rowPathStride2 > 100, "kernel-width-3 stride-2 row path too rarely exercised: " + rowPathStride2);
        assertTrue(blocks > 60, "the 4-pixel blocks of other widths too rarely exercised: " + blocks);
    }

    /** The output width of a case (as {@link ConvGeometry} computes it). */
    private static int outW(Case c) {
        return org.convscope.geometry.ConvGeometry.outputLength("sweep", "width", c.w, c.kw, c.strides[1], c.dilation[1], c.padding);
    }

    @Test
    void separableMatchesReference() {
        SplittableRandom r = new SplittableRandom(12);
        int ran = 0, skipped = 0;
        long t0 = System.nanoTime();
        while (ran < 1500) {
            Case c = Case.random(r);
            int cin = 1 + r.nextInt(9), mult = 1 + r.nextInt(3), cout = 1 + r.nextInt(9);
            if (separableCase(r, c, cin, mult, cout, "SeparableConv2D case " + ran)) ran++;
            else skipped++;
        }
        report("SeparableConv2D", ran, skipped, t0);
    }

    /**
     * Separable convolutions with real channel counts (16 to 70 in, 1 to 40 out), on images large
     * enough that the pointwise GEMM packs several blocks of pixels, each block crossing image rows
     * and images: the depthwise output is computed inside that packing ({@link DepthwiseMatrixA}).
     */
    @Test
    void separableWideChannelsMatchReference() {
        SplittableRandom r = new SplittableRandom(15);
        int ran = 0, skipped = 0;
        long t0 = System.nanoTime();
        while (ran < 150) {
            Case c = Case.random(r);
            if (r.nextInt(4) != 0) {
                c = new Case(c.batch, 1 + r.nextInt(33), 1 + r.nextInt(33), 1 + r.nextInt(4), 3,
                        new int[] {c.strides[0], 1 + r.nextInt(2)}, new int[] {c.dilation[0], 1}, c.padding);
            }
            int cin = 16 + r.nextInt(55), cout = 1 + r.nextInt(40);
            if (separableCase(r, c, cin, 1, cout, "SeparableConv2D wide case " + ran)) ran++;
            else skipped++;
        }
        report("SeparableConv2D (wide)", ran, skipped, t0);
    }

    /**
     * One random DepthwiseConv2D of geometry {@code c} (kernel, optional bias, activation and input
     * drawn from {@code r}) against the reference; false when the output is empty (then the layer
     * must reject it).
     */
    private static boolean depthwiseCase(SplittableRandom r, Case c, int cin, int mult, String what) {
        Tensor kernel = TestTensors.random(r, c.kh, c.kw, cin, mult);
        Tensor bias = r.nextBoolean() ? TestTensors.random(r, cin * mult) : null;
        Activation act = ACTS[r.nextInt(ACTS.length)];
        DepthwiseConv2D layer = new DepthwiseConv2D("sweep", kernel, bias, c.strides, c.padding, c.dilation, act);
        Tensor x = TestTensors.random(r, c.batch, c.h, c.w, cin);
        if (c.emptyOutput()) {
            assertRejectsEmpty(() -> layer.forward(x));
            return false;
        }
        Tensor expected = TestTensors.activate(
                ReferenceDepthwiseConv2D.depthwiseConv2d(x, kernel, bias, c.strides, c.padding, c.dilation), act);
        TestTensors.assertClose(what + ": " + c + " cin " + cin + " mult " + mult + " " + actName(act), expected, layer.forward(x), TOL);
        return true;
    }

    /** As {@link #depthwiseCase}, for a SeparableConv2D: Keras's depthwise (no bias), then a 1x1 convolution with the bias. */
    private static boolean separableCase(SplittableRandom r, Case c, int cin, int mult, int cout, String what) {
        Tensor dk = TestTensors.random(r, c.kh, c.kw, cin, mult);
        Tensor pk = TestTensors.random(r, 1, 1, cin * mult, cout);
        Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
        Activation act = ACTS[r.nextInt(ACTS.length)];
        SeparableConv2D layer = new SeparableConv2D("sweep", dk, pk, bias, c.strides, c.padding, c.dilation, act);
        Tensor x = TestTensors.random(r, c.batch, c.h, c.w, cin);
        if (c.emptyOutput()) {
            assertRejectsEmpty(() -> layer.forward(x));
            return false;
        }
        Tensor mid = ReferenceDepthwiseConv2D.depthwiseConv2d(x, dk, null, c.strides, c.padding, c.dilation);
        Tensor expected = TestTensors.activate(
                ReferenceConv2D.conv2d(mid, pk, bias, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 1), act);
        TestTensors.assertClose(what + ": " + c + " cin " + cin + " mult " + mult + " cout " + cout + " " + actName(act),
                expected, layer.forward(x), TOL);
        return true;
    }

    @Test
    void transposeMatchesReference() {
        SplittableRandom r = new SplittableRandom(13);
        int ran = 0, rejected = 0;
        long t0 = System.nanoTime();
        while (ran < 1500) {
            Case c = Case.random(r);
            int cin = 1 + r.nextInt(9), cout = 1 + r.nextInt(9);
            int[] op = r.nextBoolean() ? null : new int[] {r.nextInt(c.strides[0]), r.nextInt(c.strides[1])};
            Tensor kernel = TestTensors.random(r, c.kh, c.kw, cout, cin);
            Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
            Activation act = ACTS[r.nextInt(ACTS.length)];
            Conv2DTranspose layer = new Conv2DTranspose("sweep", kernel, bias, c.strides, c.padding, c.dilation, op, act);
            Tensor x = TestTensors.random(r, c.batch, c.h, c.w, cin);
            Tensor actual;
            try {
                actual = layer.forward(x);
            } catch (IllegalArgumentException e) {
                // only same padding with explicit output_padding can give a size TensorFlow refuses
                assertTrue(c.padding == Padding.SAME && op != null && e.getMessage().contains("'sweep'"), c + ": " + e.getMessage());
                rejected++;
                continue;
            }
            Tensor expected = TestTensors.activate(
                    ReferenceConv2DTranspose.conv2dTranspose(x, kernel, bias, c.strides, c.padding, c.dilation, op), act);
            String what = "Conv2DTranspose case " + ran + ": " + c + " cin " + cin + " cout " + cout
                    + " output_padding " + Arrays.toString(op) + " " + actName(act);
            TestTensors.assertClose(what + " [" + Gemms.defaultGemm().name() + "]", expected, actual, TOL);
            TransposeEngine scalar = new TransposeEngine(kernel, bias, c.strides, c.padding, c.dilation, op, act,
                    org.convscope.internal.engine.Engine.current());
            TestTensors.assertClose(what + " [scalar]", expected, scalar.forward(x, "sweep", SCALAR), TOL);
            assertEquals(Arrays.toString(layer.outputShape(x.shape())), Arrays.toString(actual.shape()));
            ran++;
        }
        report("Conv2DTranspose", ran, rejected, t0);
    }

    private static void assertRejectsEmpty(Runnable forward) {
        try {
            forward.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("'sweep'") && e.getMessage().contains("empty"), e.getMessage());
            return;
        }
        throw new AssertionError("an input smaller than the dilated kernel with valid padding was not rejected");
    }

    private static void report(String what, int ran, int skipped, long t0) {
        System.out.printf("ConvSweepTest: %s fast vs reference: %d cases ran, %d skipped (empty/invalid output), %.1f s%n",
                what, ran, skipped, (System.nanoTime() - t0) / 1e9);
    }
}
