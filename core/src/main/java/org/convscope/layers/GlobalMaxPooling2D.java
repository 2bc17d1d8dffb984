package org.convscope.layers;

/** Keras's GlobalMaxPooling2D: the maximum over height and width per channel. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
    /**
     * A {@code GlobalMaxPooling2D} layer.
     * @param name the layer's name, unique in its model
     * @param keepdims true to keep height and width as 1 ({@code [N, 1, 1, C]}), false for {@code [N, C]}
     */
    public GlobalMaxPooling2D(String name, boolean keepdims) { super(name, keepdims); }

    @Override public String kerasClass() { return "GlobalMaxPooling2D"; }

    @Override
    void reduce(float[] x, int off, int cells, int c, double[] acc) {
        java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        for (int p = 0; p < cells; p++) {
            for (int ch = 0; ch < c; ch++) acc[ch] = Math.max(acc[ch], x[off + p * c + ch]);
        }
    }
}
