package org.convscope.internal.conv;

import java.util.Arrays;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Argument checks shared by the convolution layers; every message names the layer (for example
 * {@code "Conv2D 'conv1'"}) and, where shapes disagree, gives both. An implementation detail of
 * {@code org.convscope.layers}, public only so that the layers can reach it; not meant for users.
 * Stateless.
 */
public final class ConvArgs {
    private ConvArgs() {}

    /**
     * Checks that a kernel is a non-null rank-4 tensor with every dimension &gt;= 1.
     *
     * @param layer          the layer, for the message
     * @param what           which kernel, for the message (for example {@code "kernel"} or
     *                       {@code "depthwise_kernel"})
     * @param t              the kernel to check
     * @param expectedLayout its expected axes, for the message (for example {@code "(kh, kw, cin, cout)"})
     * @throws IllegalArgumentException if {@code t} is null or not such a tensor
     */
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

    /**
     * Checks that a bias is absent (null, Keras's {@code use_bias=False}) or a vector of {@code n} values.
     *
     * @param layer the layer, for the message
     * @param bias  the bias, or null
     * @param n     the expected length (the layer's output channels)
     * @throws IllegalArgumentException giving both shapes if the bias has another shape
     */
    public static void requireBias(String layer, Tensor bias, int n) {
        if (bias != null && !Arrays.equals(bias.shape(), new int[] {n})) {
            throw new IllegalArgumentException(layer + ": bias has shape " + Shapes.toString(bias.shape())
                    + ", expected " + Shapes.toString(new int[] {n}));
        }
    }

    /**
     * Checks a pair such as {@code strides} or {@code dilation_rate}: two integers &gt;= 1.
     *
     * @param layer the layer, for the message
     * @param what  the Keras argument name, for the message
     * @param v     {@code {h, w}}
     * @return a copy of {@code v}, so that the layer does not share the caller's array
     * @throws IllegalArgumentException if {@code v} is null, not of length 2, or has a value &lt; 1
     */
    public static int[] requirePair(String layer, String what, int[] v) {
        if (v == null || v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(layer + ": " + what + " must be two integers >= 1, got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.clone();
    }

    /**
     * Checks that a padding mode was given.
     *
     * @param layer the layer, for the message
     * @param p     the padding mode
     * @return {@code p}
     * @throws IllegalArgumentException if {@code p} is null
     */
    public static Padding requirePadding(String layer, Padding p) {
        if (p == null) throw new IllegalArgumentException(layer + ": padding must be VALID or SAME, got null");
        return p;
    }

    /**
     * Checks an NHWC input shape (batch and spatial dims may be -1) against the expected channel count.
     *
     * @param layer    the layer, for the message
     * @param shape    the input shape {@code [N, H, W, C]}
     * @param channels the channel count the weights expect
     * @param weightName  the weight that expects that count, for the message ({@code "kernel"})
     * @param weightShape its shape, for the message (the message is built only when the check fails)
     * @param groups      shown as {@code with groups=g} when positive
     * @throws IllegalArgumentException if the shape is not rank 4 or its last axis is not {@code channels}
     */
    public static void requireInput(String layer, int[] shape, int channels, String weightName, int[] weightShape, int groups) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(layer + " expects a rank-4 NHWC input, got shape " + Shapes.toString(shape));
        }
        if (shape[3] != channels) {
            throw new IllegalArgumentException(layer + ": input shape " + Shapes.toString(shape) + " has " + shape[3]
                    + " channels, but " + weightName + " " + Shapes.toString(weightShape)
                    + (groups > 0 ? " with groups=" + groups : "") + " expects " + channels);
        }
    }

    /**
     * The NHWC output shape of a convolution for an input shape that may contain -1 (unknown); unknown
     * stays unknown (see {@link ConvGeometry#outputLength}).
     *
     * @param layer       the layer, for the message
     * @param in          the input shape {@code [N, H, W, C]}; only N, H and W are read
     * @param kh          kernel height in taps
     * @param kw          kernel width in taps
     * @param strides     {@code {strideH, strideW}}
     * @param dilation    {@code {dilationH, dilationW}}
     * @param padding     the padding mode
     * @param outChannels the output channels
     * @return a new shape {@code [N, outH, outW, outChannels]}
     * @throws IllegalArgumentException naming the layer when the output would be empty
     */
    public static int[] convOutputShape(String layer, int[] in, int kh, int kw, int[] strides, int[] dilation,
                                        Padding padding, int outChannels) {
        return new int[] {in[0],
                ConvGeometry.outputLength(layer, "height", in[1], kh, strides[0], dilation[0], padding),
                ConvGeometry.outputLength(layer, "width", in[2], kw, strides[1], dilation[1], padding),
                outChannels};
    }
}
