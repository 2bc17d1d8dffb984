package org.convscope.layers;

import org.convscope.tensor.Tensor;

/**
 * Keras's Flatten: {@code (N, d1, d2, ...)} → {@code (N, d1·d2·...)} in row-major (NHWC) order;
 * a rank-1 input {@code (N,)} becomes {@code (N, 1)}. The data is shared, not copied.
 */
public final class Flatten extends SingleInputLayer {
    /**
     * A {@code Flatten} layer.
     * @param name the layer's name, unique in its model
     */
    public Flatten(String name) { super(name); }

    @Override public String kerasClass() { return "Flatten"; }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length == 0) throw new IllegalArgumentException(describe() + " needs a batch axis, got a scalar");
        long n = 1;
        for (int i = 1; i < in.length; i++) {
            if (in[i] < 0) return new int[] {in[0], -1};
            n *= in[i];
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(describe() + ": " + n + " features are too many");
        return new int[] {in[0], (int) n};
    }

    @Override public Tensor forward(Tensor input) { return input.reshape(outputShape(input.shape())); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
