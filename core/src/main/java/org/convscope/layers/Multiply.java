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
}
