package org.convscope.grad;

import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.KerasFlavor;

/** Activation objects for the tests: the engine's own, by Keras name. */
final class TestActivations {
    private TestActivations() {}

    static Activation get(String name) { return Activations.get(name, KerasFlavor.KERAS3); }
}
