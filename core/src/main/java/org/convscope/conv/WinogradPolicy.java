package org.convscope.conv;

import java.util.Locale;

/**
 * When a Conv2D runs through Winograd ({@link WinogradConv2D}, F(4x4, 3x3) or F(2x2, 3x3), see
 * {@link #transform}) instead of the
 * implicit GEMM. {@code -Dconvscope.winograd=on|off} (default {@code on}): {@code off} never uses
 * it; {@code on} uses it for 3x3 / stride 1 / dilation 1 / one-group convolutions where the rule
 * below says it is faster; {@code always} uses it for every such convolution (for tests and
 * measurements).
 *
 * <h2>The rule, and why</h2>
 * F(2x2, 3x3) does 2.25× fewer multiplications, but its 16 GEMMs have {@code k = cin} instead of
 * {@code 9·cin}, and it adds two passes of additions over 16/4 = 4× the output (the transforms). With
 * few input channels the GEMMs are short and the transforms dominate; with few output channels
 * the micro-kernel's 32-wide panels run part-empty. Measured on a 64×64 input, one thread (implicit
 * GEMM time / Winograd time; benchmarks/NOTES.md has the whole table):
 * <pre>
 *   cin  4–8     0.43–0.67 for every cout             (transforms dominate: Winograd loses)
 *   cin 16–24    0.77–0.99
 *   cin 32       0.89 (cout 8), 0.99 (16), 1.00 (32), 1.11 (64), 1.13 (128)
 *   cin 64       1.05–1.37
 *   cin 128      1.21–1.50
 * </pre>
 * and on convnet_512 itself conv2 (32 → 64) 1.15–1.24, conv3–conv8 1.5–1.9.
 */
final class WinogradPolicy {
    /** What {@code convscope.winograd} asks for. */
    enum Mode { OFF, ON, ALWAYS }

    /** The setting, read once. */
    static final Mode CONFIGURED = parse(System.getProperty("convscope.winograd", "on"));

    private WinogradPolicy() {}

    static Mode parse(String s) {
        return switch (s == null ? "on" : s.trim().toLowerCase(Locale.ROOT)) {
            case "on", "auto", "true" -> Mode.ON;
            case "off", "false" -> Mode.OFF;
            case "always" -> Mode.ALWAYS;
            default -> throw new IllegalArgumentException("convscope.winograd must be on, off or always, got '" + s + "'");
        };
    }

    /**
     * The measured rule for {@link Mode#ON}: Winograd when both channel counts are at least
     * {@value #MIN_CHANNELS} (from the table in the class comment: from there on it is not slower).
     *
     * @param cin input channels (the small GEMMs' k)
     * @param cout output channels (their n)
     */
    static boolean faster(int cin, int cout) {
        return cin >= MIN_CHANNELS && cout >= MIN_CHANNELS;
    }

    /** Which tile {@code -Dconvscope.winograd.tile} asks for: 2, 4 or auto (default). */
    static final String TILE = System.getProperty("convscope.winograd.tile", "auto").trim().toLowerCase(Locale.ROOT);

    /**
     * F(2x2, 3x3) or F(4x4, 3x3) for a layer Winograd runs: {@code -Dconvscope.winograd.tile=2|4}
     * forces one; {@code auto} applies the measured rule {@link #prefersF4}.
     *
     * @param cin input channels
     * @param cout output channels
     * @param scaleKeeping whether the layer's activation keeps the scale of its input (none, or a
     *                     plain ReLU): F(4x4)'s error is relative to the pre-activation values, so a
     *                     squashing activation (tanh, sigmoid, softmax) could make it large against
     *                     the outputs; those layers stay on F(2x2) under {@code auto}
     * @return the algorithm
     */
    static WinogradTransform transform(int cin, int cout, boolean scaleKeeping) {
        return switch (TILE) {
            case "2" -> WinogradF2x3.TRANSFORM;
            case "4" -> WinogradF4x3.INSTANCE;
            case "auto" -> scaleKeeping && prefersF4(cin, cout) ? WinogradF4x3.INSTANCE : WinogradF2x3.TRANSFORM;
            default -> throw new IllegalArgumentException("convscope.winograd.tile must be 2, 4 or auto, got '" + TILE + "'");
        };
    }

    /**
     * The measured rule for F(4x4, 3x3) (see benchmarks/NOTES.md, round 3): every layer the rule
     * {@link #faster} sends through Winograd, i.e. at least {@value #MIN_CHANNELS} channels in and
     * out. Measured on a Xeon (one thread, F(2x2) time / F(4x4) time): 1.26–1.81 on every
     * convnet_512 layer and on the emotion model's 32 → 64 layer. Error, max|err|/max|ref| against
     * the float64-checked seven-loop reference: at most 4.6e-6 over 400 random layers of 32–128 →
     * 32–64 channels on uniform [−1, 1) data, 3.4e-6 on the fixtures, against 7e-7 for F(2x2); fewer
     * channels (shorter sums, where this tile's larger transform coefficients weigh more: up to
     * 3.4e-5 with 1–16 channels) stay on F(2x2).
     */
    static boolean prefersF4(int cin, int cout) { return cin >= MIN_CHANNELS && cout >= MIN_CHANNELS; }

    /** Fewest input and output channels for which Winograd wins (measured, see the class comment). */
    static final int MIN_CHANNELS = 32;
}
