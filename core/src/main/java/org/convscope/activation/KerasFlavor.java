package org.convscope.activation;

/**
 * Which Keras wrote the model. The two differ in a few definitions; among the activations only
 * {@code hard_sigmoid} changes: Keras 2 uses {@code clip(0.2·x + 0.5, 0, 1)}, Keras 3 uses
 * {@code relu6(x + 3) / 6} (slope 1/6 instead of 1/5).
 */
public enum KerasFlavor {
    /** Keras 2.x / tf.keras (files written with keras_version 2.*). */
    KERAS2,
    /** Keras 3.x (keras_version 3.*). */
    KERAS3
}
