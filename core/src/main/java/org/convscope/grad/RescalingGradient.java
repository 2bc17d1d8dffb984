package org.convscope.grad;

import org.convscope.layers.Rescaling;
import org.convscope.tensor.Tensor;

/** Rescaling y = x·scale + offset (scale per last-axis channel or shared): dJ/dx = g·scale. */
public final class RescalingGradient implements SingleInputGradient<Rescaling> {
    @Override
    public Tensor backward(Rescaling l, Tensor x, Tensor y, Tensor g) {
        float[] s = l.scale();
        int c = x.dim(-1);
        Tensor d = Tensor.zeros(x.shape());
        float[] gg = g.data(), o = d.data();
        for (int i = 0; i < o.length; i++) o[i] = gg[i] * (s.length == 1 ? s[0] : s[i % c]);
        return d;
    }
}
