package org.convscope.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.Tensor;

/**
 * MaxPooling2D(2) on NHWC, 'valid', even sizes only: a stand-in local to the benchmarks so that the
 * whole convnet_512 can run before the core pooling layer exists. &lt; 0.1% of the model's flops but
 * memory-bound (pool1 reads 32 MiB): a scalar version took 19 ms of a 137 ms forward pass, this
 * vectorised one is what a real pooling layer should match. NaN handling is Vector API {@code max}'s.
 */
final class BenchMaxPool2 extends SingleInputLayer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    BenchMaxPool2(String name) { super(name); }

    @Override public String kerasClass() { return "MaxPooling2D"; }

    @Override
    public int[] outputShape(int[] s) { return new int[]{s[0], s[1] / 2, s[2] / 2, s[3]}; }

    @Override
    public Tensor forward(Tensor x) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = h / 2, ow = w / 2;
        Tensor y = Tensor.zeros(n, oh, ow, c);
        float[] in = x.data(), out = y.data();
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = ((b * oh + oy) * ow + ox) * c;
                    int i00 = ((b * h + 2 * oy) * w + 2 * ox) * c, i01 = i00 + c, i10 = i00 + w * c, i11 = i10 + c;
                    int ch = 0;
                    for (; ch <= c - S.length(); ch += S.length()) {
                        FloatVector top = FloatVector.fromArray(S, in, i00 + ch).max(FloatVector.fromArray(S, in, i01 + ch));
                        FloatVector bottom = FloatVector.fromArray(S, in, i10 + ch).max(FloatVector.fromArray(S, in, i11 + ch));
                        top.max(bottom).intoArray(out, o + ch);
                    }
                    for (; ch < c; ch++) {
                        out[o + ch] = Math.max(Math.max(in[i00 + ch], in[i01 + ch]), Math.max(in[i10 + ch], in[i11 + ch]));
                    }
                }
            }
        }
        return y;
    }
}
