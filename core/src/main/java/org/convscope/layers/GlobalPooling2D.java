package org.convscope.layers;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * The shared part of GlobalAveragePooling2D and GlobalMaxPooling2D: reduces the height and width
 * of an NHWC input, giving {@code (N, C)}, or {@code (N, 1, 1, C)} with {@code keepdims}.
 */
public abstract sealed class GlobalPooling2D extends SingleInputLayer permits GlobalAveragePooling2D, GlobalMaxPooling2D {
    private final boolean keepdims;

    /**
     * A global pooling layer.
     * @param name the layer's name, unique in its model
     * @param keepdims true to keep height and width as 1
     */
    protected GlobalPooling2D(String name, boolean keepdims) {
        super(name);
        this.keepdims = keepdims;
    }

    /**
     * Whether height and width are kept as 1.
     * @return Keras's {@code keepdims}
     */
    public boolean keepdims() { return keepdims; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        return keepdims ? new int[] {in[0], 1, 1, in[3]} : new int[] {in[0], in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        int[] out = outputShape(s);
        int n = s[0], hw = s[1] * s[2], c = s[3];
        if (hw == 0) throw new IllegalArgumentException(describe() + ": cannot pool an empty image of shape "
                + org.convscope.tensor.Shapes.toString(s));
        float[] x = input.data(), y = ActivationArena.floats(n * c);
        double[] acc = new double[c];
        for (int b = 0; b < n; b++) {
            reduce(x, b * hw * c, hw, c, acc);
            for (int ch = 0; ch < c; ch++) y[b * c + ch] = (float) acc[ch];
        }
        return Tensor.of(y, out);
    }

    /** Reduces {@code cells} cells of {@code c} channels starting at {@code off} into {@code acc}. */
    abstract void reduce(float[] x, int off, int cells, int c, double[] acc);

    @Override
    public boolean perImage(int inputRank) { return true; }
}
