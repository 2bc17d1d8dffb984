package org.convscope.conv;

import java.util.Locale;

/**
 * When a Conv2D runs through Winograd F(2x2, 3x3) ({@link WinogradConv2D}) instead of the
 * implicit GEMM. {@code -Dconvscope.winograd=on|off} (default {@code on}): {@code off} never uses
 * it; {@code on} uses it for 3x3 / stride 1 / dilation 1 / one-group convolutions where the rule
 * below says it is faster; {@code always} uses it for every such convolution (for tests and
 * measurements).
 *
 * <h2>The rule, and why</h2>
 * F(2x2, 3x3) does 2.25× fewer multiplications, but its 16 GEMMs have {@code k = cin} instead of
 * {@code 9·cin}, and it adds two passes of additions over 16/4 = 4× the output (the transforms). With
 * few input channels the GEMMs are short and the transforms dominate; with few output channels
 * the micro-kernel's 32-wide panels run part-empty. Measured per layer on convnet_512 (one thread,
 * CPU time, see benchmarks/NOTES.md): see {@link #faster}.
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
     * {@value #MIN_CHANNELS}.
     *
     * @param cin input channels (the small GEMMs' k)
     * @param cout output channels (their n)
     */
    static boolean faster(int cin, int cout) {
        return cin >= MIN_CHANNELS && cout >= MIN_CHANNELS;
    }

    /** Fewest input and output channels for which Winograd wins (measured, see the class comment). */
    static final int MIN_CHANNELS = 32;
}
