package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Winograd F(2x2, 3x3) against the seven-loop reference: odd and even sizes (tiles sticking out of
 * the output), both paddings (tiles reading padding), channel counts around the GEMM's blocking
 * (cout around the 32-wide panels, cin around the 12-row kernel and 16-lane vectors), batch 1-3,
 * enough tiles for several tile blocks, with and without bias, fused (plain ReLU in the kernel) and unfused activations.
 * Tolerance: max|err| <= 1e-5 · max|ref|, as every fast path. Also: the kernel transform by hand,
 * and which layers the default rule sends to Winograd.
 */
class WinogradConv2DTest {
    private static final double TOL = 1e-5;
    private static final Gemm SCALAR = Gemms.forSetting("off", 1);
    private static final int[] ONE = {1, 1};
    private static final Activation[] ACTS = {null, TestTensors.RELU, org.convscope.activation.Relu.PLAIN, TestTensors.TANH, TestTensors.SOFTMAX};

    @Test
    void sweepAgainstReference() {
        SplittableRandom r = new SplittableRandom(4242);
        int[] cins = {1, 2, 3, 4, 11, 12, 13, 15, 16, 17, 32, 33};
        int[] couts = {1, 3, 8, 16, 31, 32, 33, 48, 63, 64, 65};
        int cases = 0, multiBlock = 0;
        double worst = 0;
        String worstCase = "";
        double worstDirect = 0;        // the implicit GEMM on the same cases, for comparison
        long t0 = System.nanoTime();
        for (int i = 0; i < 160; i++) {
            int batch = 1 + r.nextInt(3), h = 1 + r.nextInt(24), w = 1 + r.nextInt(24);
            Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            if (pad == Padding.VALID && (h < 3 || w < 3)) continue;
            int cin = cins[r.nextInt(cins.length)], cout = couts[r.nextInt(couts.length)];
            Tensor kernel = TestTensors.random(r, 3, 3, cin, cout);
            Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
            Activation act = ACTS[r.nextInt(ACTS.length)];
            Tensor x = TestTensors.random(r, batch, h, w, cin);
            Tensor expected = TestTensors.activate(ReferenceConv2D.conv2d(x, kernel, bias, ONE, pad, ONE, 1), act);
            Conv2DEngine engine = new Conv2DEngine(kernel, bias, ONE, pad, ONE, 1, act, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.ON));
            assertTrue(engine.usesWinograd());
            String what = "Winograd case " + i + ": batch " + batch + " " + h + "x" + w + " " + pad + " cin " + cin
                    + " cout " + cout + " bias " + (bias != null) + " " + (act == null ? "linear" : act.name());
            Tensor actual = engine.forward(x, "w");
            TestTensors.assertClose(what + " [" + Gemms.defaultGemm().name() + "]", expected, actual, TOL);
            double rel = relativeError(expected, actual);
            if (rel > worst) { worst = rel; worstCase = what; }
            Tensor direct = new Conv2DEngine(kernel, bias, ONE, pad, ONE, 1, act, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.OFF)).forward(x, "w");
            worstDirect = Math.max(worstDirect, relativeError(expected, direct));
            TestTensors.assertClose(what + " [scalar]", expected, engine.forward(x, "w", SCALAR), TOL);
            int outH = expected.dim(1), outW = expected.dim(2);
            if (batch * ((outH + 1) / 2) * ((outW + 1) / 2) > WinogradConv2D.TILE_BLOCK) multiBlock++;
            cases++;
        }
        System.out.printf("WinogradConv2DTest: %d cases against ReferenceConv2D (%d with several tile blocks), "
                + "worst max|err|/max|ref| %.2e (%s; implicit GEMM on the same cases: %.2e), %.1f s%n", cases, multiBlock,
                worst, worstCase, worstDirect, (System.nanoTime() - t0) / 1e9);
        assertTrue(cases > 120 && multiBlock > 10, cases + " cases, " + multiBlock + " with several blocks");
    }

    @Test
    void largerChannelsLikeConvnet512() {
        // Error grows with the length of the sums: check 128 → 128 channels (convnet_512's conv4) on
        // a 10×9 image, and the 1-thread GEMM inside several blocks.
        SplittableRandom r = new SplittableRandom(9);
        Tensor kernel = TestTensors.random(r, 3, 3, 128, 128), bias = TestTensors.random(r, 128);
        Tensor x = TestTensors.random(r, 2, 10, 9, 128);
        Tensor expected = TestTensors.activate(ReferenceConv2D.conv2d(x, kernel, bias, ONE, Padding.SAME, ONE, 1), TestTensors.RELU);
        Conv2DEngine engine = new Conv2DEngine(kernel, bias, ONE, Padding.SAME, ONE, 1, TestTensors.RELU, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.AUTO));
        assertTrue(engine.usesWinograd(), "the default rule must pick Winograd for 128 -> 128 channels");
        Tensor actual = engine.forward(x, "w");
        TestTensors.assertClose("128->128 same", expected, actual, TOL);
        System.out.printf("WinogradConv2DTest: 128 -> 128 channels, max|err|/max|ref| %.2e%n", relativeError(expected, actual));
    }

    /** max|actual − expected| / max|expected|. */
    static double relativeError(Tensor expected, Tensor actual) {
        double max = 0;
        for (int i = 0; i < expected.size(); i++) max = Math.max(max, Math.abs((double) expected.data()[i] - actual.data()[i]));
        return max / Math.max(expected.maxAbs(), 1e-30);
    }

    @Test
    void kernelTransformByHand() {
        // One channel, g = [[1,2,3],[4,5,6],[7,8,9]]. G g (4×3): rows g0, (g0+g1+g2)/2, (g0−g1+g2)/2, g2
        //   = [1,2,3], [6,7.5,9], [2,2.5,3], [7,8,9]; U = (G g) Gᵀ applies the same to each row:
        //   row [1,2,3] → [1, 3, 1, 3]; [6,7.5,9] → [6, 11.25, 3.75, 9]; [2,2.5,3] → [2, 3.75, 1.25, 3];
        //   [7,8,9] → [7, 12, 4, 9].
        float[] g = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[][] u = WinogradF2x3.INSTANCE.transformKernel(g, 1, 1);
        float[] want = {1, 3, 1, 3, 6, 11.25f, 3.75f, 9, 2, 3.75f, 1.25f, 3, 7, 12, 4, 9};
        for (int xi = 0; xi < 16; xi++) assertEquals(want[xi], u[xi][0], 0f, "U position " + xi);
    }

    @Test
    void whichLayersTheRuleSends() {
        int[] two = {2, 2};
        assertTrue(WinogradConv2D.applies(3, 3, ONE, ONE, 1));
        assertFalse(WinogradConv2D.applies(3, 3, two, ONE, 1), "stride 2");
        assertFalse(WinogradConv2D.applies(3, 3, ONE, two, 1), "dilation 2");
        assertFalse(WinogradConv2D.applies(3, 3, ONE, ONE, 2), "groups");
        assertFalse(WinogradConv2D.applies(5, 5, ONE, ONE, 1), "5x5");
        assertFalse(ConvPlanner.winogradWins(3, 32), "a first layer (cin 3) stays on the implicit GEMM");
        assertTrue(ConvPlanner.winogradWins(128, 128));
        assertEquals(org.convscope.engine.EngineConfig.Switch.OFF,
                org.convscope.engine.EngineConfig.fromMap(java.util.Map.of("convscope.winograd", "off")).winograd());
        assertEquals(org.convscope.engine.EngineConfig.Switch.ON,
                org.convscope.engine.EngineConfig.fromMap(java.util.Map.of("convscope.winograd", " ON ")).winograd());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.convscope.engine.EngineConfig.fromMap(java.util.Map.of("convscope.winograd", "fast")));
        assertTrue(e.getMessage().contains("convscope.winograd") && e.getMessage().contains("fast"), e.getMessage());
        SplittableRandom r = new SplittableRandom(1);
        Tensor k = TestTensors.random(r, 3, 3, 64, 64);
        assertFalse(new Conv2DEngine(k, null, ONE, Padding.SAME, ONE, 1, null, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.OFF)).usesWinograd());
        Conv2DEngine on = new Conv2DEngine(k, null, ONE, Padding.SAME, ONE, 1, null, TestEngines.winograd(org.convscope.engine.EngineConfig.Switch.AUTO));
        assertTrue(on.usesWinograd());
        // an empty batch gives an empty output, not a division by zero
        assertEquals("[0, 5, 5, 64]", java.util.Arrays.toString(on.forward(Tensor.zeros(0, 5, 5, 64), "w").shape()));
    }
}
