package org.convscope.layers;

/** Keras's Multiply merge: the product of two or more inputs (broadcast like Keras, see {@link Merge}). */
public final class Multiply extends Merge {
    /**
     * A {@code Multiply} layer.
     * @param name the layer's name, unique in its model
     */
    public Multiply(String name) { super(name); }

    @Override public String kerasClass() { return "Multiply"; }

    @Override float combine(float acc, float x) { return acc * x; }

    @Override
    void combineRow(float[] out, float[] a, int o, float[] x, int i, int len) {
        for (int j = 0; j < len; j++) out[o + j] = a[o + j] * x[i + j];
    }

    @Override
    void combineRowScalar(float[] out, float[] a, int o, float v, int len) {
        for (int j = 0; j < len; j++) out[o + j] = a[o + j] * v;
    }
}
