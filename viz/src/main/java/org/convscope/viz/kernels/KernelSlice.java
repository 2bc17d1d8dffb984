package org.convscope.viz.kernels;

import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Which kernels of a layer to show: filters {@code [filterOffset, filterOffset + filters)} as rows,
 * input channels {@code [channelOffset, channelOffset + channels)} as columns. A count of 0 means
 * "all the rest", capped by the limits given to {@link #clamp}.
 *
 * <p>A convolution kernel tensor in Keras's layout is {@code (kh, kw, cin, cout)}: {@code cout}
 * filters, each a stack of {@code cin} kernels of {@code kh x kw} numbers — so the layer holds
 * {@code cin · cout} kernels (for example 16 filters on 3 channels = 48 kernels).
 *
 * @param filterOffset  the first filter shown, &gt;= 0
 * @param filters       how many filters, or 0 for all the rest
 * @param channelOffset the first input channel shown, &gt;= 0
 * @param channels      how many input channels, or 0 for all the rest
 */
public record KernelSlice(int filterOffset, int filters, int channelOffset, int channels) {
    /**
     * Checks that no offset or count is negative.
     *
     * @throws IllegalArgumentException if one is
     */
    public KernelSlice {
        if (filterOffset < 0 || filters < 0 || channelOffset < 0 || channels < 0) {
            throw new IllegalArgumentException("kernel slice offsets and counts must be >= 0, got filters " + filterOffset + "+" + filters
                    + ", channels " + channelOffset + "+" + channels);
        }
    }

    /** {@return the slice of all filters and channels (subject to the caps of {@link #clamp})} */
    public static KernelSlice all() { return new KernelSlice(0, 0, 0, 0); }

    /**
     * {@return the number of kernels in a kernel tensor, {@code cin · cout}}
     *
     * @param kernelShape {@code (kh, kw, cin, cout)}
     * @throws IllegalArgumentException if the shape is not rank 4
     */
    public static int kernelCount(int[] kernelShape) {
        requireKernelShape("kernel", kernelShape);
        return kernelShape[2] * kernelShape[3];
    }

    static void requireKernelShape(String what, int[] shape) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(what + ": expected a kernel of shape (kh, kw, cin, cout), got " + Shapes.toString(shape));
        }
    }

    /**
     * The concrete slice for a kernel tensor: checks offsets against its shape, resolves 0 counts to
     * "the rest", and caps them at {@code maxFilters} / {@code maxChannels}.
     *
     * @param kernel      the kernel {@code (kh, kw, cin, cout)}
     * @param layer       the layer's name, for the error messages
     * @param maxFilters  the most filters to keep
     * @param maxChannels the most input channels to keep
     * @return a new slice with both counts &gt;= 1 and inside the kernel
     * @throws IllegalArgumentException if the kernel is not rank 4 or an offset is past its end
     */
    public KernelSlice clamp(Tensor kernel, String layer, int maxFilters, int maxChannels) {
        int[] s = kernel.shape();
        requireKernelShape("kernels of '" + layer + "'", s);
        int cin = s[2], cout = s[3];
        if (filterOffset >= cout) throw new IllegalArgumentException("kernels of '" + layer + "': filter offset " + filterOffset + " is past its " + cout + " filters");
        if (channelOffset >= cin) throw new IllegalArgumentException("kernels of '" + layer + "': channel offset " + channelOffset + " is past its " + cin + " input channels");
        int f = Math.min(filters == 0 ? cout - filterOffset : filters, cout - filterOffset);
        int c = Math.min(channels == 0 ? cin - channelOffset : channels, cin - channelOffset);
        return new KernelSlice(filterOffset, Math.min(f, maxFilters), channelOffset, Math.min(c, maxChannels));
    }
}
