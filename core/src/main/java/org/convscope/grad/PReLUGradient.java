package org.convscope.grad;

import org.convscope.layers.PReLU;
import org.convscope.tensor.Tensor;

/**
 * PReLU, y = x for x ≥ 0 and alpha·x below: dJ/dx = g for x ≥ 0 and alpha·g below (so at 0 the
 * slope is 1). Alpha has the input's shape without the batch axis, with 1 on the shared axes, and
 * is broadcast over them.
 */
public final class PReLUGradient implements SingleInputGradient<PReLU> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public PReLUGradient() {}

    @Override
    public Tensor backward(PReLU l, Tensor x, Tensor y, Tensor g) {
        Tensor alpha = l.alpha();
        int[] shape = x.shape();
        int rank = alpha.rank(), per = 1;
        for (int i = 1; i < shape.length; i++) per *= shape[i];
        float[] a = new float[per], al = alpha.data();
        int[] idx = new int[rank];
        for (int p = 0; p < per; p++) {                      // alpha expanded to one value per position
            int off = 0;
            for (int i = 0; i < rank; i++) off = off * alpha.dim(i) + (alpha.dim(i) == 1 ? 0 : idx[i]);
            a[p] = al[off];
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < shape[i + 1]) break;
                idx[i] = 0;
            }
        }
        Tensor d = Tensor.zeros(shape);
        float[] xx = x.data(), gg = g.data(), o = d.data();
        for (int i = 0; i < o.length; i++) o[i] = xx[i] >= 0 ? gg[i] : a[i % per] * gg[i];
        return d;
    }
}
