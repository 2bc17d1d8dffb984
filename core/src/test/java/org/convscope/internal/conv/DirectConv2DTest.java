package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.internal.gemm.Gemms;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The direct short-reduction kernel ({@link DirectConv2D}) against the seven-loop reference: output
 * widths around its pixel groups (12 or 6; 1–30), cout around its channel panels (32 or 16), strides 1–3, kernels
 * 1–5 (even and rectangular), cin 1–4, both paddings, batch 1–3, fused (plain ReLU in the kernel) and unfused activations.
 * Tolerance: max|err| <= 1e-5 · max|ref|. Runs the engine's kernel: 12×32 at 512 bits, 6×16 at
 * 256 bits (the surefire run with {@code -Dconvscope.vector=256}); skipped (with a message) on the
 * scalar path, where the engine never uses a direct kernel.
 */
class DirectConv2DTest {
    private static final double TOL = 1e-5;
    private static final Activation[] ACTS = {null, TestTensors.RELU, org.convscope.activation.Relu.PLAIN, TestTensors.TANH, TestTensors.SOFTMAX};

    @Test
    void sweepAgainstReference() {
        if (!TestEngines.direct()) {
            System.out.println("DirectConv2DTest: scalar engine, no direct kernel is used; skipped");
            return;
        }
        SplittableRandom r = new SplittableRandom(27);
        int[] couts = {1, 5, 15, 16, 17, 31, 32, 33, 48, 64, 65};
        int cases = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 400; i++) {
            int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5), cin = 1 + r.nextInt(4);
            if (kh * kw * cin > DirectConv2D.MAX_K) continue;
            int[] strides = {1 + r.nextInt(3), 1 + r.nextInt(3)}, one = {1, 1};
            int batch = 1 + r.nextInt(3), h = 1 + r.nextInt(12), w = 1 + r.nextInt(30);
            Padding pad = r.nextBoolean() ? Padding.SAME : Padding.VALID;
            if (pad == Padding.VALID && (h < kh || w < kw)) continue;
            int cout = couts[r.nextInt(couts.length)];
            Tensor kernel = TestTensors.random(r, kh, kw, cin, cout);
            Tensor bias = r.nextBoolean() ? TestTensors.random(r, cout) : null;
            Activation act = ACTS[r.nextInt(ACTS.length)];
            Tensor x = TestTensors.random(r, batch, h, w, cin);
            Tensor expected = TestTensors.activate(ReferenceConv2D.conv2d(x, kernel, bias, strides, pad, one, 1), act);
            Conv2DEngine engine = new Conv2DEngine(kernel, bias, strides, pad, one, 1, act,   // direct=on: 1x1 stride-1 cases too
                    TestEngines.with(c -> c.withWinograd(org.convscope.engine.EngineConfig.Switch.OFF).withDirect(org.convscope.engine.EngineConfig.Switch.ON)));
            assertTrue(engine.usesDirect(), "K = " + kh * kw * cin + " must take the direct path");
            TestTensors.assertClose("Direct case " + i + ": batch " + batch + " " + h + "x" + w + " kernel " + kh + "x" + kw
                    + " cin " + cin + " cout " + cout + " strides " + strides[0] + "x" + strides[1] + " " + pad
                    + " bias " + (bias != null) + " " + (act == null ? "linear" : act.name()), expected, engine.forward(x, "d"), TOL);
            cases++;
        }
        System.out.printf("DirectConv2DTest: %d cases against ReferenceConv2D through %s, %.1f s%n", cases,
                Gemms.defaultGemm().name(), (System.nanoTime() - t0) / 1e9);
        assertTrue(cases > 200, "too few cases: " + cases);
    }

    @Test
    void whichLayersItTakes() {
        int[] one = {1, 1}, two = {2, 2};
        assertTrue(DirectConv2D.applies(3, 3, 3, one, 1), "an RGB first layer, K = 27");
        assertFalse(DirectConv2D.applies(3, 3, 4, one, 1), "K = 36 > 32");
        assertFalse(DirectConv2D.applies(3, 3, 3, two, 1), "dilation");
        assertFalse(DirectConv2D.applies(1, 1, 3, one, 3), "groups");
    }
}
