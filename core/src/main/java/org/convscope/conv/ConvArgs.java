package org.convscope.conv;

import java.util.Arrays;
import org.convscope.layers.Padding;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Argument checks shared by the convolution layers; every message names the layer (for example
 * {@code "Conv2D 'conv1'"}) and, where shapes disagree, gives both.
 */
public final class ConvArgs {
    private ConvArgs() {}

    /** A non-null rank-4 tensor with every dimension >= 1. */
    public static void requireKernel(String layer, String what, Tensor t, String expectedLayout) {
        if (t == null) throw new IllegalArgumentException(layer + ": " + what + " is missing (expected " + expectedLayout + ")");
        int[] s = t.shape();
        boolean ok = s.length == 4;
        for (int d : s) ok &= d >= 1;
        if (!ok) {
            throw new IllegalArgumentException(layer + ": " + what + " has shape " + Shapes.toString(s)
                    + ", expected a rank-4 " + expectedLayout + " with every dimension >= 1");
        }
    }

    /** Null, or a vector of {@code n} values. */
    public static void requireBias(String layer, Tensor bias, int n) {
        if (bias != null && !Arrays.equals(bias.shape(), new int[] {n})) {
            throw new IllegalArgumentException(layer + ": bias has shape " + Shapes.toString(bias.shape())
                    + ", expected " + Shapes.toString(new int[] {n}));
        }
    }

    /** Two integers >= 1 ({@code strides}, {@code dilation_rate}); returns a copy. */
    public static int[] requirePair(String layer, String what, int[] v) {
        if (v == null || v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(layer + ": " + what + " must be two integers >= 1, got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.clone();
    }

    public static Padding requirePadding(String layer, Padding p) {
        if (p == null) throw new IllegalArgumentException(layer + ": padding must be VALID or SAME, got null");
        return p;
    }

    /**
     * Checks an NHWC input shape (batch and spatial dims may be -1) against the expected channel count.
     */
    public static void requireInput(String layer, int[] shape, int channels, String why) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(layer + " expects a rank-4 NHWC input, got shape " + Shapes.toString(shape));
        }
        if (shape[3] != channels) {
            throw new IllegalArgumentException(layer + ": input shape " + Shapes.toString(shape) + " has " + shape[3]
                    + " channels, but " + why + " expects " + channels);
        }
    }

    /** The NHWC output shape of a convolution for an input shape that may contain -1. */
    public static int[] convOutputShape(String layer, int[] in, int kh, int kw, int[] strides, int[] dilation,
                                        Padding padding, int outChannels) {
        return new int[] {in[0],
                ConvGeometry.outputLength(layer, "height", in[1], kh, strides[0], dilation[0], padding),
                ConvGeometry.outputLength(layer, "width", in[2], kw, strides[1], dilation[1], padding),
                outChannels};
    }
}
