package org.convscope.layers;
import org.convscope.geometry.Padding;

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

    @Override
    void combine(float[] y, int o, float[] x, int src, int c, boolean vector) {
        for (int ch = 0; ch < c; ch++) y[o + ch] += x[src + ch];
    }

    @Override
    void combine4(float[] x, int a, int b, int d, int e, float[] y, int o, int c, boolean vector) {
        for (int ch = 0; ch < c; ch++) y[o + ch] = ((x[a + ch] + x[b + ch]) + x[d + ch]) + x[e + ch];
    }

    @Override
    void finish(float[] y, int o, int c, int count) {
        for (int ch = 0; ch < c; ch++) y[o + ch] /= count;
    }
}
