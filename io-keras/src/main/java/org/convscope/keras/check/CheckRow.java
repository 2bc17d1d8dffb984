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
    public CheckRow {
        shape = shape == null ? null : shape.clone();
        referenceShape = referenceShape == null ? null : referenceShape.clone();
        note = note == null ? "" : note;
    }

    @Override public int[] shape() { return shape == null ? null : shape.clone(); }

    @Override public int[] referenceShape() { return referenceShape == null ? null : referenceShape.clone(); }

    /** "OK" or "FAIL". */
    public String status() { return ok ? "OK" : "FAIL"; }

    /** True when numbers were compared (the shapes agreed and the model ran). */
    public boolean compared() { return !Double.isNaN(maxAbsError); }
}
