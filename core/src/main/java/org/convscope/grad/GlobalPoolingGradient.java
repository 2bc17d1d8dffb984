package org.convscope.grad;

import org.convscope.layers.GlobalMaxPooling2D;
import org.convscope.layers.GlobalPooling2D;
import org.convscope.tensor.Tensor;

/**
 * GlobalAveragePooling2D: every position of a channel gets g/(H·W). GlobalMaxPooling2D: the
 * channel's maximum (first in row-major order on a tie) gets g and every other position 0. The
 * output gradient may have either shape, {@code [N, C]} or {@code [N, 1, 1, C]} (keepdims).
 */
public final class GlobalPoolingGradient implements SingleInputGradient<GlobalPooling2D> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public GlobalPoolingGradient() {}

    @Override
    public Tensor backward(GlobalPooling2D l, Tensor x, Tensor y, Tensor g) {
        int[] s = x.shape();
        int n = s[0], hw = s[1] * s[2], c = s[3];
        Tensor d = Tensor.zeros(s);
        float[] xx = x.data(), gg = g.data(), dx = d.data();
        boolean max = l instanceof GlobalMaxPooling2D;
        for (int b = 0; b < n; b++) {
            int base = b * hw * c;
            for (int ch = 0; ch < c; ch++) {
                float gv = gg[b * c + ch];
                if (max) {
                    int arg = base + ch;
                    for (int p = 1; p < hw; p++) if (xx[base + p * c + ch] > xx[arg]) arg = base + p * c + ch;
                    dx[arg] = gv;
                } else {
                    float share = gv / hw;
                    for (int p = 0; p < hw; p++) dx[base + p * c + ch] = share;
                }
            }
        }
        return d;
    }
}
