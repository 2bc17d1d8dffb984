package org.convscope.viz.stats;

/**
 * What one run measured for one layer: its name and Keras class, its output shape, the time its
 * {@code forward} took, and the statistics of its output.
 */
public record LayerRecord(String name, String kerasClass, int[] shape, long nanos, ActivationStats stats) {
    public LayerRecord {
        shape = shape.clone();
    }

    @Override public int[] shape() { return shape.clone(); }

    /** Milliseconds, for display. */
    public double millis() { return nanos / 1e6; }
}
