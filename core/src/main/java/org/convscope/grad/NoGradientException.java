package org.convscope.grad;

/**
 * Thrown when a backward pass meets a layer whose input gradient convscope does not know. The
 * message names the layer, its Keras class and its Java class, and lists the classes that do have
 * a gradient.
 */
public final class NoGradientException extends IllegalArgumentException {
    private final String layerName;

    NoGradientException(String layerName, String message) {
        super(message);
        this.layerName = layerName;
    }

    /** The name of the layer that has no gradient. */
    public String layerName() { return layerName; }
}
