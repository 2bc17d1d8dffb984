package org.convscope.layers;

/** Keras's Minimum merge: the elementwise minimum of two or more inputs (broadcast like Keras, see {@link Merge}). */
public final class Minimum extends Merge {
    /**
     * A {@code Minimum} layer.
     * @param name the layer's name, unique in its model
     */
    public Minimum(String name) { super(name); }

    @Override public String kerasClass() { return "Minimum"; }

    @Override float combine(float acc, float x) { return Math.min(acc, x); }
}
