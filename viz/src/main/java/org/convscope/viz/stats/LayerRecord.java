package org.convscope.viz.stats;

/**
 * What one run measured for one layer: its name and Keras class, its output shape, the time its
 * {@code forward} took, and the statistics of its output.
 *
 * @param name       the node name
 * @param kerasClass the layer's Keras class
 * @param shape      the output shape, batch first
 * @param nanos      the wall-clock time of the layer's {@code forward}, in nanoseconds
 * @param stats      the statistics of the output
 */
public record LayerRecord(String name, String kerasClass, int[] shape, long nanos, ActivationStats stats) {
    /**
     * Copies the shape.
     *
     * @throws NullPointerException if {@code shape} is null
     */
    public LayerRecord {
        shape = shape.clone();
    }

    /** {@return a copy of the output shape, batch first} */
    @Override public int[] shape() { return shape.clone(); }

    /** {@return the layer's time in milliseconds, for display} */
    public double millis() { return nanos / 1e6; }
}
