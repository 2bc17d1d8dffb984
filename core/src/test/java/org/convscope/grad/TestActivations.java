package org.convscope.grad;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;

/** Activation objects for the tests, until the engine's Activations.get is merged. */
final class TestActivations {
    private TestActivations() {}

    static Activation get(String name) {
        java.util.function.DoubleUnaryOperator f = x -> x;
        return new ElementwiseActivation() {
            final java.util.function.DoubleUnaryOperator fn = ActivationOracle.function(probe(name));

            @Override public float apply(float x) { return (float) fn.applyAsDouble(x); }

            @Override public String name() { return name; }
        };
    }

    private static Activation probe(String name) {
        return new ElementwiseActivation() {
            @Override public float apply(float x) {
                if (name.equals("gelu")) return 0.8413447f;
                return 0f;
            }

            @Override public String name() { return name; }
        };
    }
}
