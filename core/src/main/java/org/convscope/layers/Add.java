package org.convscope.layers;

/** Keras's Add merge: the sum of two or more inputs (broadcast like Keras, see {@link Merge}). */
public final class Add extends Merge {
    /**
     * An {@code Add} layer.
     * @param name the layer's name, unique in its model
     */
    public Add(String name) { super(name); }

    @Override public String kerasClass() { return "Add"; }

    @Override float combine(float acc, float x) { return acc + x; }

    @Override
    void combineRow(float[] out, float[] a, int o, float[] x, int i, int len) {
        for (int j = 0; j < len; j++) out[o + j] = a[o + j] + x[i + j];
    }

    @Override
    void combineRowScalar(float[] out, float[] a, int o, float v, int len) {
        for (int j = 0; j < len; j++) out[o + j] = a[o + j] + v;
    }
}
