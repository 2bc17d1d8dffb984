package org.convscope.grad;

import org.convscope.layers.PReLU;
import org.convscope.tensor.Tensor;

/** PReLU: dJ/dx = g for x ≥ 0, alpha·g below, alpha broadcast over the shared axes. */
public final class PReLUGradient implements SingleInputGradient<PReLU> {
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
