package org.convscope.layers;
import org.convscope.geometry.Padding;

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

    @Override
    void combine(float[] y, int o, float[] x, int src, int c, boolean vector) {
        if (vector) {
            VectorMax4.max2(y, o, x, src, c);
            return;
        }
        for (int ch = 0; ch < c; ch++) y[o + ch] = Math.max(y[o + ch], x[src + ch]);
    }

    @Override
    void window(float[] x, int image, int w, int y0, int y1, int x0, int x1, int c, float[] y, int o, boolean vector) {
        if (vector) VectorMax4.window(x, image, w, y0, y1, x0, x1, c, y, o);
        else super.window(x, image, w, y0, y1, x0, x1, c, y, o, vector);
    }

    @Override
    void combine4(float[] x, int a, int b, int d, int e, float[] y, int o, int c, boolean vector) {
        if (vector) {
            VectorMax4.max4(x, a, b, d, e, y, o, c);
            return;
        }
        for (int ch = 0; ch < c; ch++) {
            y[o + ch] = Math.max(Math.max(Math.max(x[a + ch], x[b + ch]), x[d + ch]), x[e + ch]);
        }
    }

    @Override void finish(float[] y, int o, int c, int count) { }
}
