package org.convscope.layers;

import java.util.Arrays;

/** Keras's MaxPooling2D: the largest in-bounds value of each window (padding counts as −∞). */
public final class MaxPooling2D extends Pooling2D {
    /**
     * Max pooling over windows of {@code pool}.
     *
     * @param strides null means the pool size
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param pool the window {@code {ph, pw}}
     */
    public MaxPooling2D(String name, int[] pool, int[] strides, Padding padding) {
        super(name, pool, strides, padding);
    }

    @Override public String kerasClass() { return "MaxPooling2D"; }

    @Override void start(float[] acc) { Arrays.fill(acc, Float.NEGATIVE_INFINITY); }

    @Override
    void combine(float[] acc, float[] x, int off, int c) {
        for (int ch = 0; ch < c; ch++) acc[ch] = Math.max(acc[ch], x[off + ch]);
    }

    @Override
    void finish(float[] acc, int count, float[] y, int off) { System.arraycopy(acc, 0, y, off, acc.length); }
}
