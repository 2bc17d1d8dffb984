package org.convscope.grad;

import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;

/**
 * Conv2D: y = act(conv(x, K) + b). First dJ/dz through the activation (z recomputed by a linear
 * twin of the layer when the activation is not invertible), then the transposed convolution of
 * {@link ConvInputGradient#conv2d} through the engine's GEMM. The bias does not depend on x.
 *
 * <p>Fast path: for stride 1, one group and padding split evenly (a 'same' convolution whose total
 * padding (k − 1)·d is even, e.g. every odd kernel), the transposed convolution is itself a 'same'
 * convolution with the kernel flipped in space and its in/out channels swapped:
 * dX[i] = Σ_t dY[i + p − t·d]·K[t] = Σ_t' dY[i − p + t'·d]·K[k − 1 − t'] with t' = k − 1 − t, and the
 * padding p = (k − 1)·d/2 on both sides. That runs on the engine's fast Conv2D (implicit GEMM with a
 * pre-packed kernel); the flipped layer is built once per layer and kept.
 *
 * <p>Threads: the cache of flipped layers is a synchronised weak map keyed by the layer, so backward
 * passes may run concurrently and a layer that is no longer used can be collected.
 */
public final class Conv2DGradient implements SingleInputGradient<Conv2D> {
    private final java.util.Map<Conv2D, Conv2D> flipped = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Creates the rule with an empty cache of flipped layers. {@link LayerGradients} already holds
     * one instance, so a new one is only needed to register the rule for another layer class.
     */
    public Conv2DGradient() {}

    @Override
    public Tensor backward(Conv2D l, Tensor x, Tensor y, Tensor g) {
        Tensor z = ActivationGradient.needsInput(l.activation())
                ? new Conv2D(l.name(), l.kernel(), l.bias(), l.strides(), l.padding(), l.dilation(), l.groups(), null).forward(x)
                : null;
        Tensor dz = ActivationGradient.backward(l.name(), l.activation(), z, y, g);
        int[] ks = l.kernelSize();
        ConvGeometry geo = ConvGeometry.of("Conv2D '" + l.name() + "'", x.dim(0), x.dim(1), x.dim(2), x.dim(3), ks[0], ks[1],
                l.strides(), l.dilation(), l.padding(), l.groups());
        if (geo.strideH() == 1 && geo.strideW() == 1 && geo.groups() == 1 && geo.padTop() == geo.padBottom()
                && geo.padLeft() == geo.padRight() && geo.outH() == geo.inH() && geo.outW() == geo.inW()
                && (geo.padTop() > 0 || geo.padLeft() > 0 || ks[0] * ks[1] > 1)) {
            Padding p = geo.padTop() == 0 && geo.padLeft() == 0 ? Padding.VALID : Padding.SAME;
            if (p == Padding.SAME || (ks[0] == 1 && ks[1] == 1)) {
                return flipped.computeIfAbsent(l, Conv2DGradient::flip).forward(dz);
            }
        }
        return ConvInputGradient.conv2d(geo, l.kernel(), dz);
    }

    /** The layer whose forward pass is this layer's input gradient (see the class comment). */
    static Conv2D flip(Conv2D l) {
        Tensor k = l.kernel();
        int kh = k.dim(0), kw = k.dim(1), cin = k.dim(2), cout = k.dim(3);
        float[] src = k.data(), dst = new float[src.length];
        for (int ty = 0; ty < kh; ty++)
            for (int tx = 0; tx < kw; tx++)
                for (int ci = 0; ci < cin; ci++)
                    for (int co = 0; co < cout; co++)
                        dst[(((kh - 1 - ty) * kw + (kw - 1 - tx)) * cout + co) * cin + ci] = src[((ty * kw + tx) * cin + ci) * cout + co];
        return new Conv2D(l.name() + "/input_gradient", Tensor.of(dst, kh, kw, cout, cin), null, new int[] {1, 1}, Padding.SAME,
                l.dilation(), 1, null);
    }
}
