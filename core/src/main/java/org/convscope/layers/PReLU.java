package org.convscope.layers;

import java.util.Arrays;
import java.util.List;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's PReLU: f(x) = x for x ≥ 0, alpha·x for x &lt; 0, with a learned alpha per position.
 * {@code alpha} has the input's shape without the batch axis, except that the {@code shared_axes}
 * (numbered like Keras: 1 is the first axis after the batch) have length 1 and are broadcast —
 * for example shared_axes [1, 2] on an image gives one alpha per channel, shape (1, 1, C).
 */
public final class PReLU extends SingleInputLayer {
    private final Tensor alpha;
    private final int[] sharedAxes;

    /**
     * A parametric ReLU: {@code x} for positive x, {@code alpha·x} otherwise, alpha learned per position.
     *
     * @param alpha      input shape without batch, 1 on the shared axes
     * @param sharedAxes Keras's shared_axes (1-based: the batch is axis 0); null or empty for none
     * @param name the layer's name, unique in its model
     */
    public PReLU(String name, Tensor alpha, int[] sharedAxes) {
        super(name);
        if (alpha == null || alpha.rank() == 0) {
            throw new IllegalArgumentException(describe() + ": alpha must have the input shape without the batch axis, got "
                    + (alpha == null ? "null" : Shapes.toString(alpha.shape())));
        }
        this.alpha = alpha;
        this.sharedAxes = sharedAxes == null ? new int[0] : sharedAxes.clone();
        for (int a : this.sharedAxes) {
            if (a < 1 || a > alpha.rank() || alpha.dim(a - 1) != 1) {
                throw new IllegalArgumentException(describe() + ": shared axis " + a + " must be in 1.." + alpha.rank()
                        + " and have length 1 in alpha " + Shapes.toString(alpha.shape()));
            }
        }
    }

    @Override public String kerasClass() { return "PReLU"; }

    @Override
    public int[] outputShape(int[] in) {
        boolean ok = in.length == alpha.rank() + 1;
        for (int i = 0; ok && i < alpha.rank(); i++) {
            int a = alpha.dim(i), d = in[i + 1];
            ok = a == 1 || d < 0 || a == d;
        }
        if (!ok) {
            throw new IllegalArgumentException(describe() + ": input " + Shapes.toString(in) + " does not match alpha "
                    + Shapes.toString(alpha.shape()) + " (alpha is the input shape without batch, 1 on shared axes "
                    + Arrays.toString(sharedAxes) + ")");
        }
        return in.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] shape = outputShape(input.shape());
        // Expand alpha to one value per position of a batch item (broadcasting its length-1 axes).
        int rank = alpha.rank(), per = 1;
        for (int i = 1; i < shape.length; i++) per *= shape[i];
        float[] a = new float[per], al = alpha.data();
        int[] idx = new int[rank];
        for (int p = 0; p < per; p++) {
            int off = 0;
            for (int i = 0; i < rank; i++) off = off * alpha.dim(i) + (alpha.dim(i) == 1 ? 0 : idx[i]);
            a[p] = al[off];
            for (int i = rank - 1; i >= 0; i--) {           // odometer over the item's index
                if (++idx[i] < shape[i + 1]) break;
                idx[i] = 0;
            }
        }
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            y[i] = v >= 0 ? v : a[i % per] * v;
        }
        return Tensor.of(y, shape);
    }

    @Override public List<Weight> weights() { return List.of(Weight.trainable("alpha", alpha)); }

    /**
     * alpha (do not modify).
     *
     * @return alpha, input shape without batch (do not modify)
     */
    public Tensor alpha() { return alpha; }
    /**
     * Keras's shared_axes (1-based).
     *
     * @return Keras's shared_axes, 1-based (a copy)
     */
    public int[] sharedAxes() { return sharedAxes.clone(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
