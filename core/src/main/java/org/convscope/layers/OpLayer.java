package org.convscope.layers;

import org.convscope.activation.Activation;

/**
 * A Keras 3 <em>op node</em> that applies a function value by value (or, for softmax, along an
 * axis): what a functional graph records for {@code keras.ops.relu6(x)}, {@code ops.sigmoid(x)},
 * {@code ops.clip(x, -1, 1)} or for arithmetic with a constant such as {@code x + 3.0}
 * ({@link org.convscope.activation.ScalarArithmetic}). It runs like an {@link ActivationLayer} (and
 * fuses into a preceding convolution the same way) but keeps the op's own class and module for
 * {@link #kerasClass()} and messages.
 */
public final class OpLayer extends ActivationLayer {
    private final String opClass;
    private final String module;

    /**
     * An op node.
     *
     * @param name       the op node's name in the graph (Keras's op name, for example {@code add_3})
     * @param opClass    Keras's op class, for example {@code Add}, {@code Relu6}
     * @param module     Keras's module of the op, for example {@code keras.src.ops.numpy}
     * @param activation the function it applies
     */
    public OpLayer(String name, String opClass, String module, Activation activation) {
        super(name, activation);
        if (opClass == null || opClass.isEmpty()) throw new IllegalArgumentException("op node '" + name + "': op class is required");
        this.opClass = opClass;
        this.module = module == null ? "keras.src.ops" : module;
    }

    @Override public String kerasClass() { return opClass; }

    /** {@return the op's Keras module, for example {@code keras.src.ops.numpy}} */
    public String module() { return module; }

    @Override public String toString() { return "op " + module + "." + opClass + " '" + name() + "' " + activation().name(); }

    /** Per image unless it is a softmax over the batch axis. */
    @Override
    public boolean perImage(int inputRank) {
        return !(activation() instanceof org.convscope.activation.SoftmaxActivation s)
                || (s.axis() < 0 ? s.axis() + inputRank : s.axis()) != 0;
    }
}
