package org.convscope.grad;

import java.util.ArrayList;
import java.util.List;
import org.convscope.layers.Concatenate;
import org.convscope.tensor.Tensor;

/** Concatenate: each input gets its own slice of the output gradient along the axis. */
public final class ConcatenateGradient implements LayerGradient<Concatenate> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, so a new one is only needed to register the rule for another layer class.
     */
    public ConcatenateGradient() {}

    @Override
    public List<Tensor> backward(Concatenate l, List<Tensor> in, Tensor y, Tensor g) {
        int[] out = y.shape();
        int a = l.axis() < 0 ? l.axis() + out.length : l.axis();
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= out[d];
        for (int d = a + 1; d < out.length; d++) inner *= out[d];
        int row = out[a] * inner, pos = 0;
        float[] gg = g.data();
        List<Tensor> grads = new ArrayList<>();
        for (Tensor t : in) {
            int block = t.dim(a) * inner;
            Tensor d = Tensor.zeros(t.shape());
            for (int o = 0; o < outer; o++) System.arraycopy(gg, o * row + pos, d.data(), o * block, block);
            pos += block;
            grads.add(d);
        }
        return grads;
    }
}
