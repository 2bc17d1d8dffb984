package org.convscope.grad;

import org.convscope.layers.Rescaling;
import org.convscope.tensor.Tensor;

/**
 * Rescaling y = x·scale + offset (scale per last-axis channel or one shared value): dJ/dx = g·scale.
 * The offset does not depend on the input.
 */
public final class RescalingGradient implements SingleInputGradient<Rescaling> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public RescalingGradient() {}

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
