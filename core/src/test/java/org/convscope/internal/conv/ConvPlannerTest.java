package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convscope.activation.Activations;
import org.convscope.engine.EngineConfig.Switch;
import org.convscope.engine.EngineConfig.Vector;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;
import org.junit.jupiter.api.Test;

/** The planner's table, for the host's engine and the scalar one (every host has both). */
class ConvPlannerTest {
    private static final int[] ONE = {1, 1}, TWO = {2, 2};

    private static String conv(Engine e, int k, int cin, int cout, int groups, int[] strides, String act) {
        return ConvPlanner.conv2d(k, k, cin / groups, cout, groups, strides, ONE, act == null ? null : Activations.get(act), e).describe();
    }

    @Test
    void theRuleOnThisHostAndOnTheScalarPath() {
        Engine host = Engine.global();
        Engine scalar = Engine.of(EngineConfig.global().withVector(Vector.OFF));
        int bits = host.vectorBits();
        String wide = bits == 512 ? "12x32" : bits == 256 ? "6x16" : "scalar 4x8";
        String narrow = bits == 512 ? "12x16" : wide;
        assertEquals("winograd F(4x4,3x3) " + wide, conv(host, 3, 64, 64, 1, ONE, "relu"));
        assertEquals("winograd F(2x2,3x3) " + wide, conv(host, 3, 64, 64, 1, ONE, "tanh"), "a squashing activation stays on F(2x2)");
        assertEquals("im2col " + wide, conv(host, 3, 16, 64, 1, ONE, "relu"), "few input channels: implicit GEMM");
        assertEquals(bits == 512 ? "direct 12x32" : bits == 256 ? "direct 6x16" : "im2col " + wide, conv(host, 3, 3, 32, 1, TWO, null),
                "an RGB first layer");
        assertEquals(bits == 256 ? "pointwise 4x24" : "pointwise " + wide, conv(host, 1, 144, 24, 1, ONE, null),
                "a 1x1 projection to 24 channels");
        assertEquals("pointwise " + wide, conv(host, 1, 64, 128, 1, ONE, null));
        assertEquals("pointwise " + narrow, conv(host, 1, 64, 7, 1, ONE, null), "a narrow head");
        assertEquals("pointwise " + narrow, conv(host, 1, 32, 16, 1, ONE, null), "[P]: a short 1x1 stays pointwise");
        Engine directOn = Engine.of(EngineConfig.global().withDirect(Switch.ON));
        assertEquals(bits == 512 ? "direct 12x32" : bits == 256 ? "direct 6x16" : "pointwise " + wide,
                conv(directOn, 1, 32, 16, 1, ONE, null), "direct=on takes a short 1x1 too");
        assertEquals("grouped im2col " + narrow, conv(host, 3, 64, 64, 4, TWO, null), "16 channels per group");
        assertEquals("winograd F(4x4,3x3) scalar 4x8", conv(scalar, 3, 64, 64, 1, ONE, null), "Winograd runs scalar too");
        assertEquals("im2col scalar 4x8", conv(scalar, 3, 3, 32, 1, TWO, null), "no direct kernel without vectors");

        Engine off = Engine.of(EngineConfig.global().withWinograd(Switch.OFF));
        assertEquals("im2col " + wide, conv(off, 3, 64, 64, 1, ONE, null), "winograd=off");
        Engine on = Engine.of(EngineConfig.global().withWinograd(Switch.ON));
        assertEquals("winograd F(2x2,3x3) " + narrow, conv(on, 3, 8, 8, 1, ONE, null), "winograd=on: every 3x3 stride-1 layer");

        int lanes = bits / 32;
        assertEquals(bits == 0 ? "depthwise scalar" : "depthwise 3-wide rows " + lanes + " lanes",
                ConvPlanner.depthwise(3, 64, 1, ONE, ONE, host).describe());
        assertEquals(bits == 0 ? "depthwise scalar" : "depthwise 3-wide rows " + lanes + " lanes",
                ConvPlanner.depthwise(3, 64, 1, TWO, ONE, host).describe(), "stride 2");
        assertEquals(bits == 0 ? "depthwise scalar" : "depthwise vector rows " + lanes + " lanes",
                ConvPlanner.depthwise(3, 64, 1, new int[] {3, 3}, ONE, host).describe(), "stride 3");
        assertEquals(bits == 0 ? "depthwise scalar" : "depthwise vector rows " + lanes + " lanes",
                ConvPlanner.depthwise(5, 64, 1, ONE, ONE, host).describe(), "5x5");
        assertEquals("depthwise scalar", ConvPlanner.depthwise(3, 64, 2, ONE, ONE, host).describe(), "depth multiplier 2");
        assertEquals("depthwise scalar", ConvPlanner.depthwise(3, 64, 1, ONE, ONE, scalar).describe());

        ConvPlan dw = ConvPlanner.depthwise(3, 64, 1, ONE, ONE, host);
        ConvPlan pw = ConvPlanner.conv2d(1, 1, 64, 128, 1, ONE, ONE, null, host);
        assertEquals(bits == 0 ? "separable in two steps: depthwise scalar then pointwise scalar 4x8" : "separable fused depthwise→pointwise " + wide,
                ConvPlanner.separable(dw, pw).describe());
    }
}
