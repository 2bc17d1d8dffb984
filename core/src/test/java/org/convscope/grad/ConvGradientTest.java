package org.convscope.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Layer;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Input gradients of the convolution layers against double-precision central differences. */
class ConvGradientTest {
    private static final Random R = new Random(42);

    private static Tensor u(int... shape) { return GradCheck.uniform(R, -1, 1, shape); }

    /** Analytic input gradient vs central differences; the worst relative error must stay within the bound. */
    private static void assertGradient(String what, Layer layer, Tensor x, long seed) {
        double worst = GradCheck.check(what, layer, x, seed);
        assertTrue(worst <= GradCheck.TOLERANCE, what + ": worst relative error " + worst + " > " + GradCheck.TOLERANCE);
    }

    @Test
    void conv2dOverStridesDilationsPaddingsAndGroups() {
        int cases = 0;
        //            h  w cin cout kh kw sh sw dh dw groups
        int[][] sweep = {
                {5, 6, 3, 4, 3, 3, 1, 1, 1, 1, 1},
                {7, 6, 2, 3, 3, 3, 2, 2, 1, 1, 1},
                {6, 7, 4, 4, 2, 3, 1, 2, 1, 1, 2},
                {9, 8, 3, 2, 3, 2, 1, 1, 2, 2, 1},
                {8, 9, 6, 6, 3, 3, 3, 2, 1, 1, 3},
                {5, 5, 4, 6, 1, 1, 1, 1, 1, 1, 1},  // pointwise path
                {5, 5, 4, 6, 1, 1, 1, 1, 1, 1, 2},  // pointwise, grouped
                {6, 5, 2, 3, 4, 4, 2, 1, 1, 1, 1},
                {4, 4, 2, 2, 5, 5, 1, 1, 1, 1, 1},  // kernel larger than the input (same only)
        };
        for (int[] c : sweep) {
            for (Padding p : Padding.values()) {
                int kdh = (c[4] - 1) * c[8] + 1, kdw = (c[5] - 1) * c[9] + 1;
                if (p == Padding.VALID && (kdh > c[0] || kdw > c[1])) continue;
                Tensor kernel = u(c[4], c[5], c[2] / c[10], c[3]);
                Conv2D conv = new Conv2D("conv", kernel, u(c[3]), new int[] {c[6], c[7]}, p, new int[] {c[8], c[9]}, c[10], null);
                assertGradient("Conv2D " + java.util.Arrays.toString(c) + " " + p, conv, u(2, c[0], c[1], c[2]), cases);
                cases++;
            }
        }
        System.out.println("Conv2D gradient cases: " + cases);
    }

    @Test
    void conv2dWithFusedActivations() {
        for (String act : new String[] {"relu", "sigmoid", "tanh", "gelu", "silu"}) {
            Activation a = TestActivations.get(act);
            Conv2D conv = new Conv2D("conv_" + act, u(3, 3, 3, 4), u(4), new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1, a);
            assertGradient("Conv2D + " + act, conv, u(1, 5, 6, 3), 7);
        }
    }

    @Test
    void depthwiseAndSeparable() {
        int[][] sweep = {
                // h w cin mult kh kw sh sw dh dw
                {6, 7, 3, 1, 3, 3, 1, 1, 1, 1},
                {7, 6, 2, 2, 3, 3, 2, 2, 1, 1},
                {8, 8, 3, 3, 2, 3, 1, 1, 2, 2},
        };
        for (int[] c : sweep) {
            for (Padding p : Padding.values()) {
                int[] s = {c[6], c[7]}, d = {c[8], c[9]};
                DepthwiseConv2D dw = new DepthwiseConv2D("dw", u(c[4], c[5], c[2], c[3]), u(c[2] * c[3]), s, p, d, null);
                assertGradient("DepthwiseConv2D " + java.util.Arrays.toString(c) + " " + p, dw, u(2, c[0], c[1], c[2]), 3);
                SeparableConv2D sep = new SeparableConv2D("sep", u(c[4], c[5], c[2], c[3]), u(1, 1, c[2] * c[3], 4), u(4), s, p, d,
                        TestActivations.get("relu"));
                assertGradient("SeparableConv2D " + java.util.Arrays.toString(c) + " " + p, sep, u(2, c[0], c[1], c[2]), 4);
            }
        }
        SeparableConv2D gelu = new SeparableConv2D("sep_gelu", u(3, 3, 2, 2), u(1, 1, 4, 3), null, new int[] {1, 1}, Padding.SAME,
                new int[] {1, 1}, TestActivations.get("gelu"));
        assertGradient("SeparableConv2D + gelu (z recomputed)", gelu, u(1, 5, 5, 2), 5);
    }

    @Test
    void conv2dTranspose() {
        int[][] sweep = {
                // h w cin cout kh kw sh sw dh dw oph opw (-1 = none)
                {3, 4, 2, 3, 3, 3, 1, 1, 1, 1, -1, -1},
                {3, 4, 2, 3, 3, 3, 2, 2, 1, 1, -1, -1},
                {4, 3, 3, 2, 2, 3, 2, 1, 1, 1, -1, -1},
                {3, 3, 2, 2, 3, 3, 2, 2, 1, 1, 1, 0},
                {4, 4, 2, 3, 3, 2, 1, 1, 2, 2, -1, -1},
                {3, 3, 2, 2, 4, 4, 3, 3, 1, 1, 2, 1},
        };
        for (int[] c : sweep) {
            for (Padding p : Padding.values()) {
                int[] op = c[10] < 0 ? null : new int[] {c[10], c[11]};
                Conv2DTranspose t;
                try {
                    t = new Conv2DTranspose("tconv", u(c[4], c[5], c[3], c[2]), u(c[3]), new int[] {c[6], c[7]}, p,
                            new int[] {c[8], c[9]}, op, null);
                    t.outputShape(new int[] {2, c[0], c[1], c[2]});
                } catch (IllegalArgumentException e) {
                    continue;   // an output padding this padding cannot have
                }
                assertGradient("Conv2DTranspose " + java.util.Arrays.toString(c) + " " + p, t, u(2, c[0], c[1], c[2]), 11);
            }
        }
    }
}
