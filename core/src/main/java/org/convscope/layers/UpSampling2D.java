package org.convscope.layers;

import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * Keras's UpSampling2D: enlarges an NHWC image by integer factors. {@code nearest} repeats each row
 * {@code sizeH} times and each column {@code sizeW} times; {@code bilinear} is
 * {@code tf.image.resize} to {@code (h·sizeH, w·sizeW)} (half-pixel centres), see {@link Resize}.
 */
public final class UpSampling2D extends SingleInputLayer {
    private final int sizeH, sizeW;
    private final Interpolation interpolation;

    /**
     * An {@code UpSampling2D} layer.
     * @param name the layer's name, unique in its model
     * @param sizeH the height factor
     * @param sizeW the width factor
     * @param interpolation nearest or bilinear
     */
    public UpSampling2D(String name, int sizeH, int sizeW, Interpolation interpolation) {
        super(name);
        if (sizeH < 1 || sizeW < 1) throw new IllegalArgumentException(describe() + ": size must be >= 1, got " + sizeH + "x" + sizeW);
        if (interpolation == null) throw new IllegalArgumentException(describe() + ": interpolation must be NEAREST or BILINEAR, got null");
        this.sizeH = sizeH;
        this.sizeW = sizeW;
        this.interpolation = interpolation;
    }

    @Override public String kerasClass() { return "UpSampling2D"; }

    /** {@return {@code {sizeH, sizeW}}} */
    public int[] size() { return new int[] {sizeH, sizeW}; }
    /**
     * The interpolation.
     * @return nearest or bilinear
     */
    public Interpolation interpolation() { return interpolation; }

    @Override
    public int[] outputShape(int[] in) {
        requireRank(in, 4);
        return new int[] {in[0], in[1] < 0 ? -1 : in[1] * sizeH, in[2] < 0 ? -1 : in[2] * sizeW, in[3]};
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = input.shape(), o = outputShape(s);
        if (interpolation == Interpolation.BILINEAR) return Resize.resize(input, o[1], o[2], Interpolation.BILINEAR);
        int n = s[0], h = s[1], w = s[2], c = s[3], oh = o[1], ow = o[2];
        float[] x = input.data(), y = ActivationArena.floats(n * oh * ow * c);
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int iy = oy / sizeH;
                for (int ox = 0; ox < ow; ox++) {
                    System.arraycopy(x, ((b * h + iy) * w + ox / sizeW) * c, y, ((b * oh + oy) * ow + ox) * c, c);
                }
            }
        }
        return Tensor.of(y, o);
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
