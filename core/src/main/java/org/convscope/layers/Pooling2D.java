package org.convscope.layers;

import java.util.Arrays;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * The shared part of MaxPooling2D and AveragePooling2D on NHWC input: a {@code pool} window moved
 * by {@code strides}, with Keras's {@code valid}/{@code same} padding and TensorFlow's split (see
 * {@link ConvGeometry}). Each output cell combines the in-bounds input cells of its window, per
 * channel; cells in the padding never take part (for max that is padding with −∞, for average it
 * is dividing by the number of in-bounds cells, as TensorFlow does). The readable definition is
 * {@link org.convscope.reference.ReferencePooling}.
 */
public abstract sealed class Pooling2D extends SingleInputLayer permits MaxPooling2D, AveragePooling2D {
    private final int[] pool, strides;
    private final Padding padding;

    /**
     * A pooling layer.
     *
     * @param strides null means the pool size (Keras's default)
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param pool the window {@code {ph, pw}}
     */
    protected Pooling2D(String name, int[] pool, int[] strides, Padding padding) {
        super(name);
        this.pool = pair("pool_size", pool);
        this.strides = strides == null ? this.pool.clone() : pair("strides", strides);
        if (padding == null) throw new IllegalArgumentException(describe() + ": padding must be VALID or SAME, got null");
        this.padding = padding;
    }

    private int[] pair(String what, int[] v) {
        if (v == null || v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new IllegalArgumentException(describe() + ": " + what + " must be two integers >= 1, got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.clone();
    }

    /** {@return {@code {ph, pw}}} */
    public int[] pool() { return pool.clone(); }
    /** {@return {@code {sh, sw}}} */
    public int[] strides() { return strides.clone(); }
    /**
     * The padding.
     * @return {@code VALID} or {@code SAME}
     */
    public Padding padding() { return padding; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        return new int[] {in[0],
                ConvGeometry.outputLength(describe(), "height", in[1], pool[0], strides[0], 1, padding),
                ConvGeometry.outputLength(describe(), "width", in[2], pool[1], strides[1], 1, padding),
                in[3]};
    }

    /**
     * Pools an NHWC input. The loops are arranged so that the innermost one always runs over the
     * {@code c} contiguous channels of one pixel, writing straight into the output (no per-window
     * accumulator array): the first in-bounds cell of a window is copied, every further cell is
     * folded in with {@link #combine}, and {@link #finish} completes the window. Such a loop has
     * the same offset pattern on every array it touches, which C2 compiles to SIMD code. The common
     * 2x2 window with stride 2 and no padding reads its four cells in one pass ({@link #combine4}):
     * pooling reads every input value once and is bound by memory, so one pass instead of four
     * over the output matters (convnet_512's first pool reads 32 MiB). Large outputs are shared
     * out over the engine's threads by rows.
     */
    @Override
    public Tensor forward(Tensor input) { return pool(input, null, null); }

    /**
     * {@code act(pool(input) + addend)}, the end of a residual block in one pass: each output row is
     * pooled, then the addend's row is added to it and the activation applied while it is in
     * cache. The same operations in the same order as this layer, an Add and an Activation layer
     * one after the other, so the same result bit for bit.
     *
     * @param input  the pooling's input, batch first
     * @param addend a tensor of the output's shape (the shortcut)
     * @param act    an elementwise activation, or null
     * @return the result, a new tensor
     * @throws IllegalArgumentException naming this layer when the addend's shape is not the output's
     */
    public Tensor forwardAdd(Tensor input, Tensor addend, org.convscope.activation.ElementwiseActivation act) {
        int[] out = outputShape(input.shape());
        if (addend == null || !Arrays.equals(addend.shape(), out)) {
            throw new IllegalArgumentException(describe() + ": the tensor added to the pooled output has shape "
                    + (addend == null ? "null" : org.convscope.tensor.Shapes.toString(addend.shape()))
                    + ", expected the output's " + org.convscope.tensor.Shapes.toString(out));
        }
        return pool(input, addend.data(), act);
    }

    private Tensor pool(Tensor input, float[] addend, org.convscope.activation.ElementwiseActivation act) {
        int[] s = input.shape();
        outputShape(s);
        ConvGeometry g = ConvGeometry.forPooling(describe(), s[0], s[1], s[2], Math.max(1, s[3]), pool, strides, padding);
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = g.outH(), ow = g.outW();
        float[] x = input.data(), y = ActivationArena.floats(n * oh * ow * c);   // every value written
        boolean twoByTwo = pool[0] == 2 && pool[1] == 2 && strides[0] == 2 && strides[1] == 2
                && g.padTop() == 0 && g.padLeft() == 0 && 2 * oh <= h && 2 * ow <= w;
        // output rows (b, oy) are independent: share them out over the engine's threads in chunks
        // of about 64 KiB of output (a pool is bound by memory; both cores' bandwidth helps)
        // (by the values read: a 3x3 window reads 9 per output; a pool that follows a layer shared
        // over the threads reads half its input from the other core's cache, so it pays to share it too)
        int rows = n * oh, rowSize = Math.max(1, ow * c);
        long reads = (long) rows * rowSize * pool[0] * pool[1];
        int threads = reads >= 1 << 16 ? Gemms.defaultGemm().threads() : 1;
        boolean vector = Gemms.usesVectorApi();     // the engine's choice, read once per call
        int perTask = Math.max(1, Math.min((1 << 14) / rowSize, (rows + threads - 1) / threads));
        Gemms.parallelFor(threads, (rows + perTask - 1) / perTask, t -> {
            for (int row = t * perTask; row < Math.min(rows, (t + 1) * perTask); row++) {
                poolRow(x, y, g, c, row / oh, row % oh, twoByTwo, vector);
                if (addend != null) {
                    int o = row * ow * c, end = o + ow * c;
                    for (int j = o; j < end; j++) y[j] += addend[j];
                    if (act != null) act.applyInPlace(y, o, end);
                }
            }
        });
        return Tensor.of(y, n, oh, ow, c);
    }

    /** Output row {@code oy} of image {@code b}, {@code c} channels. */
    private void poolRow(float[] x, float[] y, ConvGeometry g, int c, int b, int oy, boolean twoByTwo, boolean vector) {
        int h = g.inH(), w = g.inW(), oh = g.outH(), ow = g.outW();
        int o = ((b * oh + oy) * ow) * c;
        if (twoByTwo) {
            // window (oy, ox) = input rows 2oy, 2oy+1 and columns 2ox, 2ox+1
            int top = ((b * h + 2 * oy) * w) * c, bottom = top + w * c;
            for (int ox = 0; ox < ow; ox++, o += c, top += 2 * c, bottom += 2 * c) {
                combine4(x, top, top + c, bottom, bottom + c, y, o, c, vector);
                finish(y, o, c, 4);
            }
            return;
        }
        int y0 = Math.max(oy * strides[0] - g.padTop(), 0), y1 = Math.min(oy * strides[0] - g.padTop() + pool[0], h);
        int image = b * h * w * c;
        for (int ox = 0; ox < ow; ox++, o += c) {
            int x0 = Math.max(ox * strides[1] - g.padLeft(), 0), x1 = Math.min(ox * strides[1] - g.padLeft() + pool[1], w);
            window(x, image, w, y0, y1, x0, x1, c, y, o, vector);
        }
    }

    /**
     * One window: the cells {@code [y0, y1) × [x0, x1)} (all in bounds, at least one) of the image
     * starting at {@code x[image]}, row width {@code w}, combined into {@code y[o..o+c)}. This
     * default copies the first cell and folds in the others with {@link #combine} (the output
     * pixel is read and written once per cell); a subclass may keep the values in registers.
     */
    void window(float[] x, int image, int w, int y0, int y1, int x0, int x1, int c, float[] y, int o, boolean vector) {
        boolean first = true;
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                int src = image + (iy * w + ix) * c;
                if (first) System.arraycopy(x, src, y, o, c);
                else combine(y, o, x, src, c, vector);
                first = false;
            }
        }
        finish(y, o, c, (y1 - y0) * (x1 - x0));
    }

    /** Folds the c values at {@code x[src..src+c)} into {@code y[o..o+c)}. */
    abstract void combine(float[] y, int o, float[] x, int src, int c, boolean vector);

    /** Writes the combination of four cells {@code x[a..a+c)}, {@code x[b..)}, {@code x[d..)}, {@code x[e..)} to {@code y[o..o+c)}, in the order {@link #combine} would fold them. */
    abstract void combine4(float[] x, int a, int b, int d, int e, float[] y, int o, int c, boolean vector);

    /** Completes a window of {@code count} in-bounds cells whose combination is in {@code y[o..o+c)}. */
    abstract void finish(float[] y, int o, int c, int count);

    @Override
    public String toString() {
        return describe() + " pool " + Arrays.toString(pool) + " strides " + Arrays.toString(strides) + " " + padding.kerasName();
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
