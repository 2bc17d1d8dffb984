package org.convscope.layers;

/** Keras's Average merge: the sum of two or more inputs (broadcast like Keras, see {@link Merge}), divided by their number. */
public final class Average extends Merge {
    /**
     * An {@code Average} layer.
     * @param name the layer's name, unique in its model
     */
    public Average(String name) { super(name); }

    @Override public String kerasClass() { return "Average"; }

    @Override float combine(float acc, float x) { return acc + x; }

    @Override
    void finish(float[] acc, int count) {
        for (int i = 0; i < acc.length; i++) acc[i] /= count;
    }
}
