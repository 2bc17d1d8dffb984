package org.convscope.grad;

import org.convscope.layers.Cropping2D;
import org.convscope.layers.Layer;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;

/**
 * ZeroPadding2D and Cropping2D, each the other's adjoint: the gradient of padding is the output
 * gradient cropped back to the input; the gradient of cropping is the output gradient padded with
 * zeros (the cropped-away cells do not reach the objective).
 */
public final class PadCropGradient implements SingleInputGradient<Layer> {
    /**
     * Creates the rule. It is stateless, so one instance serves every thread; {@link LayerGradients}
     * already holds one, registered for both ZeroPadding2D and Cropping2D.
     */
    public PadCropGradient() {}

    @Override
    public Tensor backward(Layer l, Tensor x, Tensor y, Tensor g) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = y.dim(1), ow = y.dim(2);
        Tensor d = Tensor.zeros(x.shape());
        float[] gg = g.data(), dx = d.data();
        if (l instanceof ZeroPadding2D p) {
            int top = p.padding()[0], left = p.padding()[2];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < h; i++)
                    System.arraycopy(gg, ((b * oh + i + top) * ow + left) * c, dx, ((b * h + i) * w) * c, w * c);
        } else if (l instanceof Cropping2D cr) {
            int top = cr.cropping()[0], left = cr.cropping()[2];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < oh; i++)
                    System.arraycopy(gg, ((b * oh + i) * ow) * c, dx, ((b * h + i + top) * w + left) * c, ow * c);
        } else {
            throw new IllegalArgumentException("not a padding/cropping layer: " + l.getClass());
        }
        return d;
    }
}
