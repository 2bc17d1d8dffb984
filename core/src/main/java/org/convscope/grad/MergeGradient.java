package org.convscope.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convscope.layers.Add;
import org.convscope.layers.Average;
import org.convscope.layers.Maximum;
import org.convscope.layers.Merge;
import org.convscope.layers.Minimum;
import org.convscope.layers.Multiply;
import org.convscope.layers.Subtract;
import org.convscope.tensor.Broadcast;
import org.convscope.tensor.Tensor;

/**
 * The elementwise merges, input by input: Add passes g to every input; Subtract (a − b) gives g and
 * −g; Average g/n each; Multiply gives input k the product of the other inputs times g; Maximum and
 * Minimum give g to the input holding the extreme (the first one on a tie) and 0 to the others.
 *
 * <p>Multiply multiplies the other inputs rather than dividing the output by input k, so a zero in
 * an input is handled exactly. Add returns {@code g} itself for every input (shared, not copied).
 *
 * <p>Broadcast inputs (an SE scale of shape (N, 1, 1, C) times (N, H, W, C)): one input value fed
 * every output cell along its repeated axes, so its gradient is the sum of those cells' gradients.
 * The rules above are applied to the inputs repeated out to the output's shape, then each result
 * is summed back to its input's shape ({@link Broadcast#sumTo}).
 */
public final class MergeGradient implements LayerGradient<Merge> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public MergeGradient() {}

    @Override
    public List<Tensor> backward(Merge l, List<Tensor> in, Tensor y, Tensor g) {
        int[] shape = g.shape();
        boolean same = true;
        for (Tensor t : in) same &= Arrays.equals(t.shape(), shape);
        if (same) return sameShape(l, in, g);
        List<Tensor> full = new ArrayList<>(in.size());
        for (Tensor t : in) full.add(Arrays.equals(t.shape(), shape) ? t : Broadcast.to(t, shape));
        List<Tensor> grads = sameShape(l, full, g);
        List<Tensor> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            int[] s = in.get(i).shape();
            out.add(Arrays.equals(s, shape) ? grads.get(i) : Broadcast.sumTo(grads.get(i), s));
        }
        return out;
    }

    /** The gradients when every input has the output's shape. */
    private static List<Tensor> sameShape(Merge l, List<Tensor> in, Tensor g) {
        int k = in.size(), n = g.size();
        List<Tensor> out = new ArrayList<>(k);
        float[] gg = g.data();
        if (l instanceof Add) {
            for (int i = 0; i < k; i++) out.add(g);
            return out;
        }
        for (int i = 0; i < k; i++) out.add(Tensor.zeros(in.get(i).shape()));
        if (l instanceof Subtract) {
            float[] a = out.get(0).data(), b = out.get(1).data();
            for (int j = 0; j < n; j++) { a[j] = gg[j]; b[j] = -gg[j]; }
        } else if (l instanceof Average) {
            for (int i = 0; i < k; i++) {
                float[] d = out.get(i).data();
                for (int j = 0; j < n; j++) d[j] = gg[j] / k;
            }
        } else if (l instanceof Multiply) {
            for (int i = 0; i < k; i++) {
                float[] d = out.get(i).data();
                for (int j = 0; j < n; j++) {
                    float p = gg[j];
                    for (int o = 0; o < k; o++) if (o != i) p *= in.get(o).data()[j];
                    d[j] = p;
                }
            }
        } else if (l instanceof Maximum || l instanceof Minimum) {
            boolean max = l instanceof Maximum;
            for (int j = 0; j < n; j++) {
                int best = 0;
                for (int i = 1; i < k; i++) {
                    float v = in.get(i).data()[j], b = in.get(best).data()[j];
                    if (max ? v > b : v < b) best = i;
                }
                out.get(best).data()[j] = gg[j];
            }
        } else {
            throw new IllegalArgumentException("unknown merge " + l.getClass());
        }
        return out;
    }
}
