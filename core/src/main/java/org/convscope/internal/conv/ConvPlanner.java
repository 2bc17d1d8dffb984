package org.convscope.internal.conv;

import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.engine.EngineConfig.Switch;
import org.convscope.internal.engine.Engine;

/**
 * The one rule that decides which kernel path computes a convolution layer, for a given engine
 * (vector width, settings). Every engine class asks it; {@code explain}, the report and each conv
 * layer's {@code toString()} print its answer ({@link ConvPlan#describe()}).
 *
 * <h2>The rule</h2>
 * <pre>
 * Conv2D (kh×kw, cin/groups → cout, strides s, dilation d):
 *   1. Winograd         3×3, s = 1, d = 1, groups = 1, and
 *                         winograd=on, or winograd=auto with cin ≥ 32 and cout ≥ 32      [W]
 *      tile F(4x4,3x3)    winograd.tile=4, or auto with cin, cout ≥ 32 and a scale-keeping
 *                         activation (none or plain ReLU)                                 [F4]
 *      else F(2x2,3x3)
 *   2. pointwise        1×1, s = 1, groups = 1: the input is the GEMM's A as it is;
 *                         before direct unless direct=on                                   [P]
 *   3. direct           kh·kw·cin ≤ 32, groups = 1, d = 1, a vector engine, direct ≠ off    [D]
 *   4. grouped im2col   groups &gt; 1: one implicit GEMM per group
 *   5. im2col           anything else: patches packed straight from the input (implicit GEMM)
 *   GEMM micro-kernel:  512-bit 12×32 (12×16 for ≤ 16 columns), 256-bit 6×16 (4×24 for
 *                       17–24 columns), scalar 4×8                                      [K]
 *
 * DepthwiseConv2D (kh×kw, depth multiplier m):
 *   vector, m = 1, kw = 3, sw = 1|2, dw = 1, cin ≥ lanes → 3-wide rows (4 pixels at a time) [DW]
 *   vector, m = 1                                       → vector rows: 4-pixel blocks of any
 *                         width, stride and dilation, taps in the padding skipped per pixel [DV]
 *   otherwise                                           → scalar loops
 *
 * SeparableConv2D: fused (the depthwise output computed inside the pointwise GEMM's packing,
 *   never stored whole) when the depthwise part is vector with m = 1 and the pointwise part is
 *   "pointwise" above; else depthwise, then the pointwise Conv2D's own path.            [S]
 *
 * Conv2DTranspose: GEMM of the input with the kernel, then col2im (one path).
 * </pre>
 *
 * <h2>Where the thresholds come from (benchmarks/NOTES.md)</h2>
 * <table>
 * <caption>Thresholds and their measurements</caption>
 * <tr><th>mark</th><th>threshold</th><th>measured</th></tr>
 * <tr><td>[W]</td><td>cin, cout ≥ 32</td><td>64×64 input, one thread, implicit GEMM time / Winograd
 *   time: cin 4–8 0.43–0.67, 16–24 0.77–0.99, 32 0.89–1.13, 64 1.05–1.37, 128 1.21–1.50 (round 2,
 *   Zen 4 / Xeon, 512-bit); convnet_512 conv2 1.15–1.24, conv3–conv8 1.5–1.9</td></tr>
 * <tr><td>[F4]</td><td>cin, cout ≥ 32, linear/ReLU</td><td>F(2x2)/F(4x4) time 1.26–1.81 on every
 *   convnet_512 layer and the emotion model's 32 → 64 layer (round 3, Xeon, 512-bit); error
 *   ≤ 4.6e-6·max|ref| over 400 random layers; with 1–16 channels up to 3.4e-5, so F(2x2)</td></tr>
 * <tr><td>[P]</td><td>1×1 stride 1: pointwise before direct</td><td>MobileNetV2 (round 4, quiet Zen 5,
 *   one thread, best CPU of 200): expanded_conv_project (1×1, 32 → 16 at 48×48) direct 43 µs,
 *   pointwise 27–28 µs (the direct tile is 32 columns wide, half of it padding for 16 outputs);
 *   block_1_expand (16 → 96) 72–74 against 74–80, even. A 3×3 first layer stays direct (Conv1:
 *   47 against 67–70 µs on im2col)</td></tr>
 * <tr><td>[D]</td><td>K ≤ 32, 512 or 256 bits</td><td>convnet_512 conv1 (K = 27): packing alone 5 of
 *   15 ms on the implicit GEMM (round 2); emotion conv2d_1 (K = 9) 39 → 14–17 µs (round 3).
 *   256-bit (round 4, forced 256-bit path on a Zen 5 host, one thread, im2col time / direct time):
 *   512×512×3 → 32 1.46, 224×224×3 → 32 stride 2 1.41, 64×64×1 → 8 1.64, 128×128×3 → 16 1.77
 *   (512-bit in the same runs: 1.59, 1.31, 1.43, 1.30)</td></tr>
 * <tr><td>[DW]</td><td>kw = 3, stride 1 or 2</td><td>stride 1, 29×29×128: 0.110 → 0.047 ms, 2.0–2.8× on
 *   the emotion model's four shapes (round 3, Xeon); stride 2 added in round 4 for MobileNetV2's
 *   block_1 (75 µs against ONNX Runtime's 23 before; benchmarks/NOTES.md)</td></tr>
 * <tr><td>[DV]</td><td>m = 1, other widths</td><td>4 pixels with 4 FMA chains where one pixel ran
 *   one: EfficientNetB0's 5×5 layers 1.3–1.7× faster one by one (12×12×240: 128 → 78 µs), about 2% of
 *   the whole model in builds alternated in one JVM (round 4; benchmarks/NOTES.md)</td></tr>
 * <tr><td>[S]</td><td>m = 1, vector</td><td>emotion predict 2–4% faster in alternating runs
 *   (round 3)</td></tr>
 * <tr><td>[K]</td><td>12×16 for n ≤ 16; 4×24 for 17–24 at 256 bits</td><td>conv to 7 classes
 *   80 → 51 µs (round 3). 256-bit (round 4, forced 256-bit path on a Zen 5 host, one thread,
 *   GFLOP/s): 6×16 ran 85–91 on 512³–1024³ and 87–89 on 4096×64×576 (a 64 → 64 3×3 conv), as good
 *   as or better than 4×24, 5×16, 8×8, 4×16, 2×32 (3×32 and 8×16 matched it but need 17 and 19
 *   of AVX2's 16 ymm registers); on 2304×24×144 (a 1×1 conv to 24 channels) 4×24 ran 87–89
 *   against 62–66 for 6×16, hence 4×24 for 17–24 columns. KC 256–768 and MC within noise
 *   (benchmarks/NOTES.md, round 4)</td></tr>
 * </table>
 * A 128-bit host (NEON, say) runs the scalar loops under {@code vector=auto}: no kernel is tuned
 * for 128 bits.
 */
public final class ConvPlanner {
    /** Fewest input and output channels for which Winograd wins under {@code winograd=auto} ([W]). */
    static final int WINOGRAD_MIN_CHANNELS = 32;
    /** Fewest input and output channels for which F(4x4, 3x3) is taken under {@code winograd.tile=auto} ([F4]). */
    static final int F4_MIN_CHANNELS = 32;

    private ConvPlanner() {}

    /**
     * The path of a Conv2D.
     *
     * @param kh kernel height
     * @param kw kernel width
     * @param cinG input channels per group
     * @param cout output channels
     * @param groups channel groups
     * @param strides {@code {sh, sw}}
     * @param dilation {@code {dh, dw}}
     * @param activation the layer's activation, or null
     * @param engine the engine it runs on
     * @return the plan
     */
    public static ConvPlan conv2d(int kh, int kw, int cinG, int cout, int groups, int[] strides, int[] dilation,
                                  Activation activation, Engine engine) {
        EngineConfigView c = new EngineConfigView(engine);
        String kernel = engine.gemm().microKernel(cout / groups);
        if (WinogradConv2D.applies(kh, kw, strides, dilation, groups)
                && (c.winograd == Switch.ON || c.winograd == Switch.AUTO && winogradWins(cinG, cout))) {
            boolean f4 = switch (engine.config().winogradTile()) {
                case F2 -> false;
                case F4 -> true;
                case AUTO -> scaleKeeping(activation) && prefersF4(cinG, cout);
            };
            return new ConvPlan(f4 ? ConvPath.WINOGRAD_F4 : ConvPath.WINOGRAD_F2, kernel);
        }
        boolean pointwise = kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 && groups == 1;
        if (pointwise && c.direct != Switch.ON) return new ConvPlan(ConvPath.POINTWISE, kernel);
        if (c.direct != Switch.OFF && engine.vector() && DirectConv2D.applies(kh, kw, cinG, dilation, groups)) {
            return new ConvPlan(ConvPath.DIRECT, engine.vectorBits() == 512 ? "12x32" : "6x16");
        }
        if (pointwise) return new ConvPlan(ConvPath.POINTWISE, kernel);
        return new ConvPlan(groups > 1 ? ConvPath.GROUPED : ConvPath.IM2COL, kernel);
    }

    /**
     * The path of a DepthwiseConv2D.
     *
     * @param kw kernel width
     * @param cin input channels
     * @param mult depth multiplier
     * @param strides {@code {sh, sw}}
     * @param dilation {@code {dh, dw}}
     * @param engine the engine it runs on
     * @return the plan
     */
    public static ConvPlan depthwise(int kw, int cin, int mult, int[] strides, int[] dilation, Engine engine) {
        if (mult != 1 || !engine.vector()) return new ConvPlan(ConvPath.DEPTHWISE_SCALAR, "");
        int lanes = engine.vectorBits() / 32;
        String shape = lanes + " lanes";
        if (kw == 3 && (strides[1] == 1 || strides[1] == 2) && dilation[1] == 1 && cin >= lanes) return new ConvPlan(ConvPath.DEPTHWISE_ROW3, shape);
        return new ConvPlan(ConvPath.DEPTHWISE_VECTOR, shape);
    }

    /**
     * The path of a SeparableConv2D: fused, or its two parts one after the other.
     *
     * @param depthwise the depthwise part's plan
     * @param pointwise the pointwise part's plan
     * @return the plan
     */
    public static ConvPlan separable(ConvPlan depthwise, ConvPlan pointwise) {
        if (depthwise.path() != ConvPath.DEPTHWISE_SCALAR && pointwise.path() == ConvPath.POINTWISE) {
            return new ConvPlan(ConvPath.SEPARABLE_FUSED, pointwise.kernel());
        }
        return new ConvPlan(ConvPath.SEPARABLE_TWO_STEP, depthwise.describe() + " then " + pointwise.describe());
    }

    /**
     * The path of a Conv2DTranspose.
     *
     * @param cout output channels
     * @param engine the engine it runs on
     * @return the plan
     */
    public static ConvPlan transpose(int cout, Engine engine) {
        return new ConvPlan(ConvPath.TRANSPOSE, engine.gemm().microKernel(cout));
    }

    /** [W]: Winograd is not slower than the implicit GEMM from this many channels on. */
    static boolean winogradWins(int cin, int cout) { return cin >= WINOGRAD_MIN_CHANNELS && cout >= WINOGRAD_MIN_CHANNELS; }

    /** [F4]: F(4x4, 3x3) beats F(2x2, 3x3) and keeps the error small from this many channels on. */
    static boolean prefersF4(int cin, int cout) { return cin >= F4_MIN_CHANNELS && cout >= F4_MIN_CHANNELS; }

    /** A linear or plain-ReLU activation keeps the scale of F(4x4)'s relative error. */
    static boolean scaleKeeping(Activation activation) {
        ElementwiseActivation fused = FusedActivation.fusable(activation);
        return Activations.isLinear(activation) || FusedActivation.isPlainRelu(fused);
    }

    /** The two switches the Conv2D rule reads. */
    private record EngineConfigView(Switch winograd, Switch direct) {
        EngineConfigView(Engine e) { this(e.config().winograd(), e.config().direct()); }
    }
}
