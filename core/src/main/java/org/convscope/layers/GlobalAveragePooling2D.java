package org.convscope.layers;

/** Keras's GlobalAveragePooling2D: the mean over height and width per channel (summed in double). */
public final class GlobalAveragePooling2D extends GlobalPooling2D {
    /**
     * A {@code GlobalAveragePooling2D} layer.
     * @param name the layer's name, unique in its model
     * @param keepdims true to keep height and width as 1 ({@code [N, 1, 1, C]}), false for {@code [N, C]}
     */
    public GlobalAveragePooling2D(String name, boolean keepdims) { super(name, keepdims); }

    @Override public String kerasClass() { return "GlobalAveragePooling2D"; }

    @Override
    void reduce(float[] x, int off, int cells, int c, double[] acc) {
        java.util.Arrays.fill(acc, 0);
        for (int p = 0; p < cells; p++) {
            for (int ch = 0; ch < c; ch++) acc[ch] += x[off + p * c + ch];
        }
        for (int ch = 0; ch < c; ch++) acc[ch] /= cells;
    }
}
