package org.convscope.layers;

/** Keras's Maximum merge: the elementwise maximum of two or more inputs (broadcast like Keras, see {@link Merge}). */
public final class Maximum extends Merge {
    /**
     * A {@code Maximum} layer.
     * @param name the layer's name, unique in its model
     */
    public Maximum(String name) { super(name); }

    @Override public String kerasClass() { return "Maximum"; }

    @Override float combine(float acc, float x) { return Math.max(acc, x); }
}
