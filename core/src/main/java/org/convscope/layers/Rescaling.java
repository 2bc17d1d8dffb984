package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Rescaling: {@code y = x · scale + offset}. Each of scale and offset is one number or one
 * per channel of the last axis (broadcast like NumPy).
 */
public final class Rescaling extends SingleInputLayer {
    private final float[] scale, offset;

    /**
     * Keras's {@code Rescaling}: {@code y = x·scale + offset}.
     *
     * @param scale length 1 or the number of channels; @param offset likewise
     * @param name the layer's name, unique in its model
     * @param offset length 1 or the number of channels
     */
    public Rescaling(String name, float[] scale, float[] offset) {
        super(name);
        if (scale == null || scale.length == 0 || offset == null || offset.length == 0) {
            throw new IllegalArgumentException(describe() + ": scale and offset need at least one value, got "
                    + Arrays.toString(scale) + " and " + Arrays.toString(offset));
        }
        if (scale.length > 1 && offset.length > 1 && scale.length != offset.length) {
            throw new IllegalArgumentException(describe() + ": scale has " + scale.length + " values but offset has " + offset.length);
        }
        this.scale = scale.clone();
        this.offset = offset.clone();
    }

    @Override public String kerasClass() { return "Rescaling"; }

    /**
     * The scale.
     * @return the scale (a copy)
     */
    public float[] scale() { return scale.clone(); }
    /**
     * The offset.
     * @return the offset (a copy)
     */
    public float[] offset() { return offset.clone(); }

    private int channels() { return Math.max(scale.length, offset.length); }

    @Override
    public int[] outputShape(int[] in) {
        int c = channels();
        if (c > 1 && (in.length == 0 || (in[in.length - 1] >= 0 && in[in.length - 1] != c))) {
            throw new IllegalArgumentException(describe() + ": " + c + " per-channel values do not fit the last axis of input "
                    + Shapes.toString(in));
        }
        return in.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        int c = channels();
        for (int i = 0; i < x.length; i++) {
            int ch = c == 1 ? 0 : i % c;
            y[i] = x[i] * scale[scale.length == 1 ? 0 : ch] + offset[offset.length == 1 ? 0 : ch];
        }
        return Tensor.of(y, shape);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
