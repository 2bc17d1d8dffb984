package org.convscope.geometry;

/**
 * Keras's {@code padding} argument of convolution and pooling layers.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; only windows that fit entirely inside the input are used.</li>
 *   <li>{@link #SAME}: pad so that {@code out = ceil(in / stride)}; the padding is split like
 *       TensorFlow: half before, and the odd extra row/column after (bottom/right).</li>
 * </ul>
 * See {@link org.convscope.geometry.ConvGeometry} for the formulas.
 */
public enum Padding {
    /** Keras's {@code "valid"}: no padding. */
    VALID,
    /** Keras's {@code "same"}: pad so that the output is {@code ceil(in / stride)}. */
    SAME;

    /**
     * Parses Keras's spelling ({@code "valid"}, {@code "same"}, any case).
     *
     * @param keras {@code "valid"} or {@code "same"}
     * @return the padding
     */
    public static Padding of(String keras) {
        if (keras != null) {
            switch (keras.toLowerCase(java.util.Locale.ROOT)) {
                case "valid": return VALID;
                case "same": return SAME;
                default: break;
            }
        }
        throw new IllegalArgumentException("padding must be 'valid' or 'same', got '" + keras + "'");
    }

    /** {@return Keras's spelling, {@code "valid"} or {@code "same"}} */
    public String kerasName() { return this == VALID ? "valid" : "same"; }
}
