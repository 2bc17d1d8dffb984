package org.convscope.keras.layers;

/**
 * A weight a layer's configuration implies: its Keras name ("kernel", "moving_mean"...), its
 * shape (-1 where the config cannot tell) and whether Keras counts it as trainable.
 */
public record WeightSpec(String name, int[] shape, boolean trainable) {
    public WeightSpec {
        shape = shape.clone();
    }

    @Override public int[] shape() { return shape.clone(); }

    /** Number of values, or -1 when a dimension is unknown. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            if (d < 0) return -1;
            n *= d;
        }
        return n;
    }
}
