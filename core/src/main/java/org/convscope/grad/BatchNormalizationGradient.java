package org.convscope.grad;

import org.convscope.layers.BatchNormalization;
import org.convscope.tensor.Tensor;

/**
 * BatchNormalization at inference is affine per channel: y = x·s + t with
 * s = gamma/√(moving_variance + ε). So dJ/dx = dJ/dy·s, channel by channel along the layer's axis.
 */
public final class BatchNormalizationGradient implements SingleInputGradient<BatchNormalization> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public BatchNormalizationGradient() {}

    @Override
    public Tensor backward(BatchNormalization l, Tensor x, Tensor y, Tensor g) {
        float[] s = l.scale();
        int[] shape = x.shape();
        int a = l.axis() < 0 ? l.axis() + shape.length : l.axis(), inner = 1, c = s.length;
        for (int i = a + 1; i < shape.length; i++) inner *= shape[i];
        Tensor d = Tensor.zeros(shape);
        float[] gg = g.data(), o = d.data();
        if (inner == 1) {                                    // channels last: rows of c values
            for (int i = 0; i < o.length; i += c) {
                for (int ch = 0; ch < c; ch++) o[i + ch] = gg[i + ch] * s[ch];
            }
        } else {
            for (int i = 0; i < o.length; i++) o[i] = gg[i] * s[(i / inner) % c];
        }
        return d;
    }
}
