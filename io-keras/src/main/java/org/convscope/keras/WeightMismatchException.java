package org.convscope.keras;

/** Weights that are missing, extra, or of another shape than the layer's configuration implies. */
public class WeightMismatchException extends KerasLoadException {
    /**
     * A weight-mismatch error.
     * @param message names the file, the layer, the weight and both shapes
     */
    public WeightMismatchException(String message) { super(message); }
}
