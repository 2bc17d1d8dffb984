package org.convscope.activation;

import org.convscope.tensor.Tensor;

/** An activation function as Keras names it ({@code "relu"}, {@code "softmax"}, ...). */
public interface Activation {
    /** {@return Keras's name of the function} */
    String name();

    /**
     * Returns a new tensor; the input is not modified.
     *
     * @param x the input tensor (not modified)
     * @return a new tensor of the same shape
     */
    Tensor apply(Tensor x);
}
