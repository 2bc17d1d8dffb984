package org.convscope.keras.check;

import java.util.List;

/**
 * How to compare.
 *
 * @param tolerance a layer passes when max|err| ≤ tolerance · max|ref| (relative to the largest
 *                  reference value of that layer, so it does not depend on the layer's scale)
 * @param layers    only these layers (null or empty: every layer of the reference)
 */
public record CheckOptions(double tolerance, List<String> layers) {
    /** The default tolerance: float32 engines agree with Keras to about 1e-6 relative; 1e-5 leaves room. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    /**
     * Checks the tolerance and copies the layer list (null becomes empty), so that the options are immutable.
     *
     * @throws IllegalArgumentException if the tolerance is negative, NaN or infinite
     * @throws NullPointerException     if {@code layers} holds null
     */
    public CheckOptions {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("--tolerance must be a number >= 0, got " + tolerance);
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** {@return the defaults: tolerance {@link #DEFAULT_TOLERANCE} (1e-5 relative), every layer} */
    public static CheckOptions defaults() { return new CheckOptions(DEFAULT_TOLERANCE, List.of()); }

    /**
     * {@return a copy with another relative tolerance}
     *
     * @param t the tolerance, a finite number &gt;= 0
     * @throws IllegalArgumentException if {@code t} is negative, NaN or infinite
     */
    public CheckOptions withTolerance(double t) { return new CheckOptions(t, layers); }

    /**
     * {@return a copy that compares only some layers}
     *
     * @param l layer names of the reference; null or empty for every layer
     */
    public CheckOptions withLayers(List<String> l) { return new CheckOptions(tolerance, l); }
}
