package org.convscope.geometry;


/**
 * Everything about the sliding window of a 2-D convolution or pooling layer that does not depend
 * on the weights: input size, kernel size, strides, dilation, padding and groups, and what follows
 * from them (output size and the padding on each side). Immutable.
 *
 * <h2>The formulas (per spatial axis, TensorFlow/Keras semantics)</h2>
 * With input length {@code in}, kernel length {@code k}, stride {@code s} and dilation {@code d},
 * the <em>dilated kernel</em> covers {@code kd = (k − 1)·d + 1} input cells.
 * <pre>
 *   valid:  out = floor((in − kd) / s) + 1        (no padding; empty when in &lt; kd)
 *   same:   out = ceil(in / s)
 *           totalPad = max((out − 1)·s + kd − in, 0)
 *           padBefore = floor(totalPad / 2)       (top / left)
 *           padAfter  = totalPad − padBefore       (bottom / right get the odd extra cell)
 * </pre>
 * Output cell {@code o} reads input cells {@code o·s − padBefore + t·d} for kernel taps
 * {@code t = 0..k−1}; cells outside {@code [0, in)} are padding (zero for a convolution).
 *
 * <p>Example: in = 6, k = 2, s = 1, same: out = 6, totalPad = 5 + 2 − 6 = 1, so 0 rows on top and
 * 1 at the bottom (TensorFlow's split; Caffe/PyTorch-style symmetric padding would differ).
 *
 * <p>Pooling layers use the same window with {@code groups = 1} and dilation 1, see
 * {@link #forPooling}.
 */
public final class ConvGeometry {
    private final String layer;
    private final int batch, inH, inW, inC;
    private final int kh, kw, strideH, strideW, dilationH, dilationW, groups;
    private final Padding padding;
    private final int outH, outW, padTop, padBottom, padLeft, padRight;

    private ConvGeometry(String layer, int batch, int inH, int inW, int inC, int kh, int kw, int strideH, int strideW,
                         int dilationH, int dilationW, Padding padding, int groups, int[] zeroPad) {
        this.layer = layer;
        this.batch = batch;
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.kh = kh;
        this.kw = kw;
        this.strideH = strideH;
        this.strideW = strideW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.padding = padding;
        this.groups = groups;
        // with a ZeroPadding2D folded in, the convolution sees an input zeroPad larger: its own
        // padding is computed for that size, and the zero rows and columns are added to it
        int top = zeroPad == null ? 0 : zeroPad[0], bottom = zeroPad == null ? 0 : zeroPad[1];
        int left = zeroPad == null ? 0 : zeroPad[2], right = zeroPad == null ? 0 : zeroPad[3];
        int seenH = Math.addExact(Math.addExact(inH, top), bottom), seenW = Math.addExact(Math.addExact(inW, left), right);
        this.outH = outputLength(layer, "height", seenH, kh, strideH, dilationH, padding);
        this.outW = outputLength(layer, "width", seenW, kw, strideW, dilationW, padding);
        int totalH = totalPadding(seenH, outH, kh, strideH, dilationH, padding);
        int totalW = totalPadding(seenW, outW, kw, strideW, dilationW, padding);
        this.padTop = totalH / 2 + top;
        this.padBottom = totalH - totalH / 2 + bottom;
        this.padLeft = totalW / 2 + left;
        this.padRight = totalW - totalW / 2 + right;
    }

    /**
     * The geometry of a convolution over an NHWC input {@code [batch, inH, inW, inC]}: validates the
     * arguments and computes the output size and TensorFlow's padding split at once.
     *
     * @param layer    how to name the layer in error messages, for example {@code "Conv2D 'conv1'"}
     * @param batch    number of images, &gt;= 0
     * @param inH      input height in pixels, &gt;= 0
     * @param inW      input width in pixels, &gt;= 0
     * @param inC      input channels, &gt;= 1
     * @param kh       kernel height in taps (undilated), &gt;= 1
     * @param kw       kernel width in taps (undilated), &gt;= 1
     * @param strides  {@code {strideH, strideW}}, each &gt;= 1
     * @param dilation {@code {dilationH, dilationW}}, each &gt;= 1 (null means 1, 1)
     * @param padding  {@link Padding#VALID} or {@link Padding#SAME}; not null
     * @param groups   &gt;= 1 and dividing {@code inC} (1 for an ordinary convolution)
     * @return the immutable geometry, with {@link #outH()}, {@link #outW()} and the four paddings filled in
     * @throws IllegalArgumentException naming the layer when an argument is invalid or the output
     *                                  would be empty
     */
    public static ConvGeometry of(String layer, int batch, int inH, int inW, int inC, int kh, int kw,
                                  int[] strides, int[] dilation, Padding padding, int groups) {
        return of(layer, batch, inH, inW, inC, kh, kw, strides, dilation, padding, groups, null);
    }

    /**
     * As {@link #of(String, int, int, int, int, int, int, int[], int[], Padding, int)}, for a
     * convolution preceded by a ZeroPadding2D that it absorbs: the output and the padding are those
     * of the convolution on the zero-padded input, while {@link #inH()}/{@link #inW()} stay the
     * input's own size; the zero rows and columns are added to {@link #padTop()} and the others, so
     * every kernel that skips taps in the padding computes the same values without the padded copy.
     *
     * @param layer    how to name the layer in error messages
     * @param batch    number of images
     * @param inH      input height before the zero padding
     * @param inW      input width before the zero padding
     * @param inC      input channels
     * @param kh       kernel height
     * @param kw       kernel width
     * @param strides  {@code {strideH, strideW}}
     * @param dilation {@code {dilationH, dilationW}} (null means 1, 1)
     * @param padding  the convolution's own padding
     * @param groups   channel groups
     * @param zeroPad  {@code {top, bottom, left, right}} zeros added before the convolution (each
     *                 &gt;= 0), or null for none
     * @return the geometry
     * @throws IllegalArgumentException naming the layer when an argument is invalid or the output would be empty
     */
    public static ConvGeometry of(String layer, int batch, int inH, int inW, int inC, int kh, int kw,
                                  int[] strides, int[] dilation, Padding padding, int groups, int[] zeroPad) {
        if (zeroPad != null && (zeroPad.length != 4 || Math.min(Math.min(zeroPad[0], zeroPad[1]), Math.min(zeroPad[2], zeroPad[3])) < 0)) {
            throw new IllegalArgumentException(layer + ": zero padding must be 4 values >= 0 (top, bottom, left, right), got "
                    + java.util.Arrays.toString(zeroPad));
        }
        requirePair(layer, "strides", strides);
        int[] dil = dilation == null ? new int[] {1, 1} : dilation;
        requirePair(layer, "dilation_rate", dil);
        if (padding == null) throw new IllegalArgumentException(layer + ": padding must be VALID or SAME, got null");
        if (batch < 0 || inH < 0 || inW < 0 || inC < 1) {
            throw new IllegalArgumentException(layer + ": invalid input size batch=" + batch + " height=" + inH
                    + " width=" + inW + " channels=" + inC);
        }
        if (kh < 1 || kw < 1) throw new IllegalArgumentException(layer + ": kernel size must be >= 1, got " + kh + "x" + kw);
        if (groups < 1) throw new IllegalArgumentException(layer + ": groups must be >= 1, got " + groups);
        if (inC % groups != 0) {
            throw new IllegalArgumentException(layer + ": the " + inC + " input channels are not divisible by groups=" + groups);
        }
        return new ConvGeometry(layer, batch, inH, inW, inC, kh, kw, strides[0], strides[1], dil[0], dil[1], padding, groups,
                zeroPad == null ? null : zeroPad.clone());
    }

    /**
     * The window of a pooling layer: the same geometry as a convolution with groups 1 and dilation 1,
     * so that pooling shares the output-size and padding rules (Keras pools with TensorFlow's split;
     * padded cells are ignored by the pooling, not read as zeros).
     *
     * @param layer    how to name the layer in error messages
     * @param batch    number of images, &gt;= 0
     * @param inH      input height in pixels
     * @param inW      input width in pixels
     * @param channels channels, &gt;= 1 (pooling keeps them)
     * @param pool     {@code {poolH, poolW}}, the window size, each &gt;= 1
     * @param strides  {@code {strideH, strideW}}, each &gt;= 1
     * @param padding  {@link Padding#VALID} or {@link Padding#SAME}; not null
     * @return the geometry of the pooling window
     * @throws IllegalArgumentException naming the layer when an argument is invalid or the output
     *                                  would be empty
     */
    public static ConvGeometry forPooling(String layer, int batch, int inH, int inW, int channels,
                                          int[] pool, int[] strides, Padding padding) {
        requirePair(layer, "pool_size", pool);
        return of(layer, batch, inH, inW, channels, pool[0], pool[1], strides, new int[] {1, 1}, padding, 1);
    }

    /**
     * The dilated kernel length {@code (k − 1)·d + 1}: how many input cells one window spans.
     *
     * @param k        kernel length in taps
     * @param dilation dilation rate (1 = contiguous taps)
     * @return the span of one window in input cells
     * @throws IllegalArgumentException if the span does not fit an int (a huge dilation)
     */
    public static int dilatedKernel(int k, int dilation) { return dilatedKernel(null, k, dilation); }

    /**
     * {@link #dilatedKernel(int, int)} whose error names the layer.
     *
     * @param layer    how to name the layer in error messages (null: not named)
     * @param k        kernel length in taps
     * @param dilation dilation rate (1 = contiguous taps)
     * @return the span of one window in input cells
     * @throws IllegalArgumentException naming the layer if the span does not fit an int
     */
    public static int dilatedKernel(String layer, int k, int dilation) {
        long kd = ((long) k - 1) * dilation + 1;    // in long: (k − 1)·d passes 2^31 for a huge dilation
        if (kd > Integer.MAX_VALUE || kd < Integer.MIN_VALUE) {
            throw new IllegalArgumentException((layer == null ? "" : layer + ": ") + "the dilated kernel (" + k
                    + " − 1)·" + dilation + " + 1 = " + kd + " cells is too large (kernel " + k + ", dilation " + dilation + ")");
        }
        return (int) kd;
    }

    /**
     * The output length along one axis (formulas in the class comment); an unknown input length
     * (any negative value, Keras's None) gives -1.
     *
     * @param layer    how to name the layer in error messages
     * @param axis     "height" or "width", for the error message
     * @param in       input length in cells; negative means unknown
     * @param k        kernel length in taps, &gt;= 1
     * @param stride   stride, &gt;= 1
     * @param dilation dilation rate, &gt;= 1
     * @param padding  {@link Padding#SAME} gives {@code ceil(in / s)}; anything else is treated as valid
     * @return the output length, &gt;= 1, or -1 when {@code in} is unknown
     * @throws IllegalArgumentException naming the layer when the output would be empty or an argument is invalid
     */
    public static int outputLength(String layer, String axis, int in, int k, int stride, int dilation, Padding padding) {
        if (k < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException(layer + ": kernel " + axis + " " + k + ", stride " + stride + " and dilation "
                    + dilation + " must all be >= 1");
        }
        if (in < 0) return -1;
        int kd = dilatedKernel(layer, k, dilation);
        int out = padding == Padding.SAME
                ? ceilDiv(in, stride)                                   // same:  ceil(in / s)
                : in < kd ? 0 : (in - kd) / stride + 1;                  // valid: floor((in − kd) / s) + 1
        if (out <= 0) {
            throw new IllegalArgumentException(layer + ": the output would be empty: input " + axis + " " + in
                    + (padding == Padding.SAME ? "" : " is smaller than the dilated kernel " + axis + " " + kd
                    + " (kernel " + k + ", dilation " + dilation + ")") + " with padding '" + padding.kerasName() + "'");
        }
        return out;
    }

    /**
     * Total padding along one axis: 0 for valid, {@code max((out − 1)·s + kd − in, 0)} for same.
     * TensorFlow puts {@code floor(total / 2)} before and the rest after.
     *
     * @param in       input length in cells
     * @param out      output length, as returned by {@link #outputLength}
     * @param k        kernel length in taps
     * @param stride   stride
     * @param dilation dilation rate
     * @param padding  {@link Padding#VALID} gives 0
     * @return the padding cells to add on both sides together, &gt;= 0
     */
    public static int totalPadding(int in, int out, int k, int stride, int dilation, Padding padding) {
        if (padding == Padding.VALID) return 0;
        return Math.max((out - 1) * stride + dilatedKernel(k, dilation) - in, 0);
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    private static void requirePair(String layer, String what, int[] v) {
        if (v == null || v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(layer + ": " + what + " must be two integers >= 1, got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
    }

    /** {@return how the layer is named in error messages, as given to {@link #of}} */
    public String layer() { return layer; }
    /** {@return the number of images N of the NHWC input} */
    public int batch() { return batch; }
    /** {@return the input height H in pixels} */
    public int inH() { return inH; }
    /** {@return the input width W in pixels} */
    public int inW() { return inW; }
    /** {@return the input channels C (all groups together)} */
    public int inC() { return inC; }
    /** {@return the kernel height in taps, before dilation} */
    public int kh() { return kh; }
    /** {@return the kernel width in taps, before dilation} */
    public int kw() { return kw; }
    /** {@return the vertical stride: how many input rows the window moves per output row} */
    public int strideH() { return strideH; }
    /** {@return the horizontal stride: how many input columns the window moves per output column} */
    public int strideW() { return strideW; }
    /** {@return the vertical dilation: the step in input rows between two kernel taps} */
    public int dilationH() { return dilationH; }
    /** {@return the horizontal dilation: the step in input columns between two kernel taps} */
    public int dilationW() { return dilationW; }
    /** {@return the padding mode the sizes were computed for} */
    public Padding padding() { return padding; }
    /** {@return the number of channel groups (1 = ordinary convolution; {@code inC} = depthwise-like)} */
    public int groups() { return groups; }
    /** {@return input channels per group, {@code inC / groups}: the channel depth one filter sees} */
    public int inCPerGroup() { return inC / groups; }
    /** {@return the output height in pixels, &gt;= 1} */
    public int outH() { return outH; }
    /** {@return the output width in pixels, &gt;= 1} */
    public int outW() { return outW; }
    /** {@return padding rows above the input (the smaller half; 0 for valid)} */
    public int padTop() { return padTop; }
    /** {@return padding rows below the input (gets the odd extra row; 0 for valid)} */
    public int padBottom() { return padBottom; }
    /** {@return padding columns left of the input (the smaller half; 0 for valid)} */
    public int padLeft() { return padLeft; }
    /** {@return padding columns right of the input (gets the odd extra column; 0 for valid)} */
    public int padRight() { return padRight; }
    /** {@return rows spanned by one window: {@code (kh − 1)·dilationH + 1}} */
    public int dilatedKh() { return dilatedKernel(kh, dilationH); }
    /** {@return columns spanned by one window: {@code (kw − 1)·dilationW + 1}} */
    public int dilatedKw() { return dilatedKernel(kw, dilationW); }
    /**
     * {@return the number of output pixels, {@code batch·outH·outW} (the rows of the im2col matrix)}
     *
     * @throws ArithmeticException if the product overflows an int
     */
    public int outputPixels() { return Math.multiplyExact(Math.multiplyExact(batch, outH), outW); }
    /**
     * {@return a new NHWC output shape {@code [batch, outH, outW, outC]}}
     *
     * @param outC output channels (filters)
     */
    public int[] outputShape(int outC) { return new int[] {batch, outH, outW, outC}; }

    @Override
    public String toString() {
        return layer + ": in " + batch + "x" + inH + "x" + inW + "x" + inC + ", kernel " + kh + "x" + kw
                + ", strides " + strideH + "x" + strideW + ", dilation " + dilationH + "x" + dilationW
                + ", " + padding.kerasName() + ", groups " + groups + " -> out " + outH + "x" + outW
                + ", pad t/b/l/r " + padTop + "/" + padBottom + "/" + padLeft + "/" + padRight;
    }
}
