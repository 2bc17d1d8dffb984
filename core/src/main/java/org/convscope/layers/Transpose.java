package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * A Keras 3 {@code keras.ops.transpose} op node: the axes permuted, batch axis included
 * ({@code axes=[0, 2, 1, 3]} swaps height and width of an NHWC tensor); without {@code axes} the
 * order of all axes is reversed, as in NumPy.
 */
public final class Transpose extends SingleInputLayer {
    private final int[] perm;   // null = reverse

    /**
     * A transpose.
     *
     * @param name the op node's name
     * @param perm output axis i takes input axis {@code perm[i]} (negative count from the end); null to reverse
     */
    public Transpose(String name, int[] perm) {
        super(name);
        this.perm = perm == null ? null : perm.clone();
    }

    @Override public String kerasClass() { return "Transpose"; }

    private int[] permFor(int rank) {
        int[] p = new int[rank];
        if (perm == null) {
            for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
            return p;
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException(describe() + ": axes " + Arrays.toString(perm) + " do not fit a rank-" + rank + " input");
        }
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int a = perm[i] < 0 ? perm[i] + rank : perm[i];
            if (a < 0 || a >= rank || seen[a]) {
                throw new IllegalArgumentException(describe() + ": axes " + Arrays.toString(perm) + " are not a permutation of 0.." + (rank - 1));
            }
            seen[a] = true;
            p[i] = a;
        }
        return p;
    }

    /** {@return the permutation as given, or null for a reversal} */
    public int[] axes() { return perm == null ? null : perm.clone(); }

    @Override
    public int[] outputShape(int[] in) {
        int[] p = permFor(in.length);
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[p[i]];
        return out;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape();
        int[] p = permFor(s.length);
        int[] out = outputShape(s);
        int rank = s.length;
        int[] inStride = new int[rank];
        int st = 1;
        for (int d = rank - 1; d >= 0; d--) { inStride[d] = st; st *= s[d]; }
        int[] walk = new int[rank];                         // input stride of each output axis
        for (int i = 0; i < rank; i++) walk[i] = inStride[p[i]];
        float[] x = input.data(), y = ActivationArena.floats(x.length);
        int[] idx = new int[rank];
        int in = 0;
        for (int o = 0; o < y.length; o++) {
            y[o] = x[in];
            for (int d = rank - 1; d >= 0; d--) {
                in += walk[d];
                if (++idx[d] < out[d]) break;
                in -= walk[d] * out[d];
                idx[d] = 0;
            }
        }
        return Tensor.of(y, Shapes.size(out) == 0 ? out : out);
    }

    /** Per image when the batch axis stays first. */
    @Override
    public boolean perImage(int inputRank) {
        return axes() != null && axes().length == inputRank && (axes()[0] < 0 ? axes()[0] + inputRank : axes()[0]) == 0;
    }
}
