package org.convscope.keras;

/** Weights that are missing, extra, or of another shape than the layer's configuration implies. */
public class WeightMismatchException extends KerasLoadException {
    public WeightMismatchException(String message) { super(message); }
}
