package org.convscope.layers;

import java.util.Arrays;
import org.convscope.conv.ConvGeometry;
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

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        outputShape(s);
        ConvGeometry g = ConvGeometry.forPooling(describe(), s[0], s[1], s[2], Math.max(1, s[3]), pool, strides, padding);
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = g.outH(), ow = g.outW();
        float[] x = input.data(), y = new float[n * oh * ow * c];
        float[] acc = new float[c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int y0 = Math.max(oy * strides[0] - g.padTop(), 0), y1 = Math.min(oy * strides[0] - g.padTop() + pool[0], h);
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = Math.max(ox * strides[1] - g.padLeft(), 0), x1 = Math.min(ox * strides[1] - g.padLeft() + pool[1], w);
                    start(acc);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) combine(acc, x, ((b * h + iy) * w + ix) * c, c);
                    }
                    finish(acc, (y1 - y0) * (x1 - x0), y, ((b * oh + oy) * ow + ox) * c);
                }
            }
        }
        return Tensor.of(y, n, oh, ow, c);
    }

    /** Resets the per-channel accumulator. */
    abstract void start(float[] acc);

    /** Folds the c values at {@code x[off..off+c)} into the accumulator. */
    abstract void combine(float[] acc, float[] x, int off, int c);

    /** Writes the result for a window of {@code count} in-bounds cells. */
    abstract void finish(float[] acc, int count, float[] y, int off);

    @Override
    public String toString() {
        return describe() + " pool " + Arrays.toString(pool) + " strides " + Arrays.toString(strides) + " " + padding.kerasName();
    }
}
