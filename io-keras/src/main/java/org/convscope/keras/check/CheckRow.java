package org.convscope.keras.check;

/**
 * One compared layer.
 *
 * @param layer          layer name
 * @param className      Keras class (the model's; the file's when the model lacks the layer)
 * @param shape          the model's output shape for this input, batch first, or null if the model
 *                       lacks the layer or did not run
 * @param referenceShape the reference's shape
 * @param maxAbsError    max |model − reference| over the compared values (NaN when not compared)
 * @param relativeError  maxAbsError / max |reference| (max |reference| = 0: maxAbsError)
 * @param ok             true when {@code relativeError <= tolerance}
 * @param note           why a row failed without numbers, or "4096 samples" for a sampled layer; "" otherwise
 */
public record CheckRow(String layer, String className, int[] shape, int[] referenceShape, double maxAbsError,
                       double relativeError, boolean ok, String note) {
    /**
     * Copies the shapes (the record keeps its own arrays) and turns a null note into "".
     */
    public CheckRow {
        shape = shape == null ? null : shape.clone();
        referenceShape = referenceShape == null ? null : referenceShape.clone();
        note = note == null ? "" : note;
    }

    /** {@return a copy of the model's output shape, or null if the model lacks the layer or did not run} */
    @Override public int[] shape() { return shape == null ? null : shape.clone(); }

    /** {@return a copy of the reference's shape, or null} */
    @Override public int[] referenceShape() { return referenceShape == null ? null : referenceShape.clone(); }

    /** {@return "OK" or "FAIL", from {@link #ok}} */
    public String status() { return ok ? "OK" : "FAIL"; }

    /** {@return true when numbers were compared (the shapes agreed and the model ran)} */
    public boolean compared() { return !Double.isNaN(maxAbsError); }
}
