package org.convscope.grad;

/**
 * Thrown when a backward pass meets a layer whose input gradient convscope does not know. The
 * message names the layer, its Keras class and its Java class, and lists the classes that do have
 * a gradient.
 */
public final class NoGradientException extends IllegalArgumentException {
    /** The name of the layer without a gradient (part of the serialised form). */
    private final String layerName;

    NoGradientException(String layerName, String message) {
        super(message);
        this.layerName = layerName;
    }

    /**
     * The layer the backward pass could not go through.
     *
     * @return the name of the layer that has no gradient (for an activation without a derivative,
     *         the layer that applies it)
     */
    public String layerName() { return layerName; }
}
