package org.convscope.keras.config;

/**
 * A reference to one tensor in a Keras functional graph: output {@code tensor} of the
 * {@code node}-th application of layer {@code layer} (Keras's {@code keras_history}).
 */
public record TensorRef(String layer, int node, int tensor) {
    @Override public String toString() { return layer + "[" + node + "][" + tensor + "]"; }
}
