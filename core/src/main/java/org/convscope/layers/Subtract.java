package org.convscope.layers;

/** Keras's Subtract merge: exactly two inputs (broadcast like Keras, see {@link Merge}), {@code inputs[0] − inputs[1]}. */
public final class Subtract extends Merge {
    /**
     * A {@code Subtract} layer (first input minus second).
     * @param name the layer's name, unique in its model
     */
    public Subtract(String name) { super(name); }

    @Override public String kerasClass() { return "Subtract"; }

    @Override public int arity() { return 2; }

    @Override float combine(float acc, float x) { return acc - x; }

    @Override boolean commutative() { return false; }
}
