package org.convscope.layers;

/** Keras's GlobalMaxPooling2D: the maximum over height and width per channel. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
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
