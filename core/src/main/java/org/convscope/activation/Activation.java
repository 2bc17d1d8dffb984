package org.convscope.activation;

import org.convscope.tensor.Tensor;

/** An activation function as Keras names it ({@code "relu"}, {@code "softmax"}, ...). */
public interface Activation {
    /** Keras's name of the function. */
    String name();

    /** Returns a new tensor; the input is not modified. */
    Tensor apply(Tensor x);
}
