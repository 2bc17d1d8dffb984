package org.convscope.explain;

import org.convscope.geometry.Padding;

/**
 * The knobs of the step-by-step convolution demo ({@link ConvDemo}).
 *
 * @param size     the input is {@code size x size} (default 4)
 * @param channels input channels (default 1)
 * @param kernel   the kernel is {@code kernel x kernel} (default 3)
 * @param stride   the same stride along both axes (default 1)
 * @param padding  VALID (default) or SAME
 * @param dilation the same dilation along both axes (default 1)
 */
public record DemoOptions(int size, int channels, int kernel, int stride, Padding padding, int dilation) {
    /**
     * Checks the options (the limits keep the printed demo readable).
     *
     * @throws IllegalArgumentException naming the command-line option when size is not 1..12,
     *                                  channels not 1..4, kernel not 1..5, stride or dilation &lt; 1,
     *                                  or padding is null
     */
    public DemoOptions {
        if (size < 1 || size > 12) throw new IllegalArgumentException("demo: --size must be 1..12 (small enough to print), got " + size);
        if (channels < 1 || channels > 4) throw new IllegalArgumentException("demo: --channels must be 1..4, got " + channels);
        if (kernel < 1 || kernel > 5) throw new IllegalArgumentException("demo: --kernel must be 1..5, got " + kernel);
        if (stride < 1) throw new IllegalArgumentException("demo: --stride must be >= 1, got " + stride);
        if (dilation < 1) throw new IllegalArgumentException("demo: --dilation must be >= 1, got " + dilation);
        if (padding == null) throw new IllegalArgumentException("demo: --padding must be valid or same");
    }

    /** {@return the defaults: 4x4 input, one channel, 3x3 kernel, stride 1, valid, no dilation} */
    public static DemoOptions defaults() { return new DemoOptions(4, 1, 3, 1, Padding.VALID, 1); }

    /**
     * {@return a copy with another stride}
     *
     * @param s the stride along both axes, &gt;= 1
     * @throws IllegalArgumentException if {@code s} is out of range
     */
    public DemoOptions withStride(int s) { return new DemoOptions(size, channels, kernel, s, padding, dilation); }
    /**
     * {@return a copy with another padding mode}
     *
     * @param p VALID or SAME, not null
     * @throws IllegalArgumentException if {@code p} is null
     */
    public DemoOptions withPadding(Padding p) { return new DemoOptions(size, channels, kernel, stride, p, dilation); }
    /**
     * {@return a copy with another dilation}
     *
     * @param d the dilation along both axes, &gt;= 1
     * @throws IllegalArgumentException if {@code d} is out of range
     */
    public DemoOptions withDilation(int d) { return new DemoOptions(size, channels, kernel, stride, padding, d); }
    /**
     * {@return a copy with another number of input channels}
     *
     * @param c input channels, 1..4
     * @throws IllegalArgumentException if {@code c} is out of range
     */
    public DemoOptions withChannels(int c) { return new DemoOptions(size, c, kernel, stride, padding, dilation); }
    /**
     * {@return a copy with another input size}
     *
     * @param s the input is {@code s x s}, 1..12
     * @throws IllegalArgumentException if {@code s} is out of range
     */
    public DemoOptions withSize(int s) { return new DemoOptions(s, channels, kernel, stride, padding, dilation); }
    /**
     * {@return a copy with another kernel size}
     *
     * @param k the kernel is {@code k x k}, 1..5
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public DemoOptions withKernel(int k) { return new DemoOptions(size, channels, k, stride, padding, dilation); }
}
