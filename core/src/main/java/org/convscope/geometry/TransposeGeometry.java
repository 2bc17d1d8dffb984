package org.convscope.geometry;


/**
 * The geometry of a transposed convolution (Keras's Conv2DTranspose, TensorFlow's
 * {@code conv2d_transpose}): input {@code [batch, inH, inW, cin]}, output {@code [batch, outH, outW, cout]}.
 *
 * <h2>Output size (Keras's {@code deconv_output_length})</h2>
 * With dilated kernel {@code kd = (k − 1)·d + 1}:
 * <pre>
 *   output_padding absent:  valid: out = in·s + max(kd − s, 0)
 *                           same:  out = in·s
 *   output_padding = op:    out = (in − 1)·s + kd − 2·pad + op,  pad = 0 (valid) or floor(kd / 2) (same)
 * </pre>
 *
 * <h2>Where each input cell lands</h2>
 * A transposed convolution is the adjoint of the ordinary convolution that maps the <em>output</em>
 * back to the <em>input</em> with the same kernel, strides, dilation and padding. So, exactly as in
 * {@link ConvGeometry} but read backwards, input cell {@code i} and kernel tap {@code t} add into
 * output cell {@code o = i·s + t·d − padBefore}, where {@code padBefore} is TensorFlow's split of that
 * forward convolution: 0 for valid, {@code floor(max((in − 1)·s + kd − out, 0) / 2)} for same.
 * Contributions that fall outside {@code [0, out)} are dropped; output cells nobody reaches get only the bias.
 */
public final class TransposeGeometry {
    private final int batch, inH, inW, kh, kw, strideH, strideW, dilationH, dilationW;
    private final int outH, outW, padTop, padLeft;

    private TransposeGeometry(int batch, int inH, int inW, int kh, int kw, int[] strides, int[] dilation,
                              int outH, int outW, int padTop, int padLeft) {
        this.batch = batch;
        this.inH = inH;
        this.inW = inW;
        this.kh = kh;
        this.kw = kw;
        this.strideH = strides[0];
        this.strideW = strides[1];
        this.dilationH = dilation[0];
        this.dilationW = dilation[1];
        this.outH = outH;
        this.outW = outW;
        this.padTop = padTop;
        this.padLeft = padLeft;
    }

    /**
     * The geometry of a transposed convolution over an NHWC input {@code [batch, inH, inW, cin]}.
     * Computes the output size by Keras's rule and checks, as TensorFlow does, that the forward
     * convolution of that output gives back the input size.
     *
     * @param layer         how to name the layer in error messages
     * @param batch         number of images, &gt;= 0
     * @param inH           input height in pixels, &gt;= 1
     * @param inW           input width in pixels, &gt;= 1
     * @param kh            kernel height in taps (undilated), &gt;= 1
     * @param kw            kernel width in taps (undilated), &gt;= 1
     * @param strides       {@code {strideH, strideW}}, each &gt;= 1: the upsampling factor
     * @param dilation      {@code {dilationH, dilationW}}, each &gt;= 1 (null means 1, 1)
     * @param padding       {@link Padding#VALID} or {@link Padding#SAME} of the forward convolution; not null
     * @param outputPadding {@code {oph, opw}} or null (Keras's None); each must be smaller than its stride
     * @return the immutable geometry
     * @throws IllegalArgumentException naming the layer on invalid arguments, an empty output, or an
     *                                  output padding that is inconsistent with the input size
     */
    public static TransposeGeometry of(String layer, int batch, int inH, int inW, int kh, int kw, int[] strides,
                                       int[] dilation, Padding padding, int[] outputPadding) {
        int[] dil = dilation == null ? new int[] {1, 1} : dilation;
        checkOutputPadding(layer, strides, outputPadding);
        if (batch < 0 || inH < 1 || inW < 1) {
            throw new IllegalArgumentException(layer + ": invalid input size batch=" + batch + " height=" + inH + " width=" + inW);
        }
        int outH = outputLength(layer, "height", inH, kh, strides[0], dil[0], padding, outputPadding == null ? null : outputPadding[0]);
        int outW = outputLength(layer, "width", inW, kw, strides[1], dil[1], padding, outputPadding == null ? null : outputPadding[1]);
        // The forward convolution output -> input must give back our input size; TensorFlow refuses otherwise.
        ConvGeometry forward = ConvGeometry.of(layer, batch, outH, outW, 1, kh, kw, strides, dil, padding, 1);
        if (forward.outH() != inH || forward.outW() != inW) {
            throw new IllegalArgumentException(layer + ": output " + outH + "x" + outW + " (from output_padding "
                    + java.util.Arrays.toString(outputPadding) + ") is not consistent with input " + inH + "x" + inW
                    + ": a '" + padding.kerasName() + "' convolution of it gives " + forward.outH() + "x" + forward.outW());
        }
        return new TransposeGeometry(batch, inH, inW, kh, kw, strides, dil, outH, outW, forward.padTop(), forward.padLeft());
    }

    /**
     * Keras's {@code deconv_output_length} along one axis (formulas in the class comment); an unknown
     * input length (negative, Keras's None) gives -1. Does not check the output padding against the
     * stride; {@link #checkOutputPadding} does.
     *
     * @param layer         how to name the layer in error messages
     * @param axis          "height" or "width", for the error message
     * @param in            input length in cells; negative means unknown
     * @param k             kernel length in taps, &gt;= 1
     * @param stride        stride, &gt;= 1
     * @param dilation      dilation rate, &gt;= 1
     * @param padding       {@link Padding#VALID} or {@link Padding#SAME}; not null
     * @param outputPadding extra cells added at the end of the output; null for Keras's None
     * @return the output length, &gt;= 1, or -1 when {@code in} is unknown
     * @throws IllegalArgumentException naming the layer on invalid arguments or an empty output
     */
    public static int outputLength(String layer, String axis, int in, int k, int stride, int dilation, Padding padding,
                                   Integer outputPadding) {
        if (k < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException(layer + ": kernel " + axis + " " + k + ", stride " + stride + " and dilation "
                    + dilation + " must all be >= 1");
        }
        if (padding == null) throw new IllegalArgumentException(layer + ": padding must be VALID or SAME, got null");
        if (in < 0) return -1;
        int kd = ConvGeometry.dilatedKernel(layer, k, dilation);
        int out;
        if (outputPadding == null) {
            out = padding == Padding.VALID ? in * stride + Math.max(kd - stride, 0) : in * stride;
        } else {
            int pad = padding == Padding.VALID ? 0 : kd / 2;
            out = (in - 1) * stride + kd - 2 * pad + outputPadding;
        }
        if (out <= 0) {
            throw new IllegalArgumentException(layer + ": the output " + axis + " would be empty (" + out + ") for input "
                    + axis + " " + in);
        }
        return out;
    }

    /**
     * Checks Keras's rule that each output padding is in {@code [0, stride)}, and that the strides
     * are two integers &gt;= 1.
     *
     * @param layer         how to name the layer in error messages
     * @param strides       {@code {strideH, strideW}}
     * @param outputPadding {@code {oph, opw}}, or null (nothing to check)
     * @throws IllegalArgumentException naming the layer and both arrays when the rule is broken
     */
    public static void checkOutputPadding(String layer, int[] strides, int[] outputPadding) {
        if (strides == null || strides.length != 2 || strides[0] < 1 || strides[1] < 1) {
            throw new IllegalArgumentException(layer + ": strides must be two integers >= 1, got "
                    + (strides == null ? "null" : java.util.Arrays.toString(strides)));
        }
        if (outputPadding == null) return;
        if (outputPadding.length != 2) {
            throw new IllegalArgumentException(layer + ": output_padding must be two integers, got "
                    + java.util.Arrays.toString(outputPadding));
        }
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] < 0 || outputPadding[i] >= strides[i]) {
                throw new IllegalArgumentException(layer + ": output_padding " + java.util.Arrays.toString(outputPadding)
                        + " must be >= 0 and smaller than the strides " + java.util.Arrays.toString(strides));
            }
        }
    }

    /** {@return the number of images N} */
    public int batch() { return batch; }
    /** {@return the input height in pixels} */
    public int inH() { return inH; }
    /** {@return the input width in pixels} */
    public int inW() { return inW; }
    /** {@return the kernel height in taps, before dilation} */
    public int kh() { return kh; }
    /** {@return the kernel width in taps, before dilation} */
    public int kw() { return kw; }
    /** {@return the vertical stride: output rows per input row} */
    public int strideH() { return strideH; }
    /** {@return the horizontal stride: output columns per input column} */
    public int strideW() { return strideW; }
    /** {@return the vertical dilation: the step in output rows between two kernel taps} */
    public int dilationH() { return dilationH; }
    /** {@return the horizontal dilation: the step in output columns between two kernel taps} */
    public int dilationW() { return dilationW; }
    /** {@return the output height in pixels} */
    public int outH() { return outH; }
    /** {@return the output width in pixels} */
    public int outW() { return outW; }
    /**
     * {@return the output rows cropped at the top}
     * Input row {@code i}, tap {@code t} lands on output row {@code i·s + t·d − padTop}.
     */
    public int padTop() { return padTop; }
    /** {@return the output columns cropped at the left (as {@link #padTop()}, for columns)} */
    public int padLeft() { return padLeft; }
    /**
     * {@return a new NHWC output shape {@code [batch, outH, outW, outC]}}
     *
     * @param outC output channels (filters)
     */
    public int[] outputShape(int outC) { return new int[] {batch, outH, outW, outC}; }
}
