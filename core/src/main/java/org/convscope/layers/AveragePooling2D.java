package org.convscope.layers;

import java.util.Arrays;

/**
 * Keras's AveragePooling2D: the mean of the in-bounds values of each window. With {@code same}
 * padding a border window holds fewer cells, and TensorFlow divides by that count, not by the
 * window size (the padding is not averaged in as zeros).
 */
public final class AveragePooling2D extends Pooling2D {
    /**
     * Average pooling over windows of {@code pool}, counting only the cells inside the image.
     *
     * @param strides null means the pool size
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param pool the window {@code {ph, pw}}
     */
    public AveragePooling2D(String name, int[] pool, int[] strides, Padding padding) {
        super(name, pool, strides, padding);
    }

    @Override public String kerasClass() { return "AveragePooling2D"; }

    @Override void start(float[] acc) { Arrays.fill(acc, 0f); }

    @Override
    void combine(float[] acc, float[] x, int off, int c) {
        for (int ch = 0; ch < c; ch++) acc[ch] += x[off + ch];
    }

    @Override
    void finish(float[] acc, int count, float[] y, int off) {
        for (int ch = 0; ch < acc.length; ch++) y[off + ch] = acc[ch] / count;
    }
}
