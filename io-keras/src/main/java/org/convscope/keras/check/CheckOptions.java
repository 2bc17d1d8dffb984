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

    public CheckOptions {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("--tolerance must be a number >= 0, got " + tolerance);
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** Tolerance 1e-5, every layer. */
    public static CheckOptions defaults() { return new CheckOptions(DEFAULT_TOLERANCE, List.of()); }

    public CheckOptions withTolerance(double t) { return new CheckOptions(t, layers); }

    public CheckOptions withLayers(List<String> l) { return new CheckOptions(tolerance, l); }
}
