package org.convscope.grad;

import java.util.List;
import org.convscope.geometry.ConvGeometry;
import org.convscope.image.Interpolation;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Add;
import org.convscope.layers.Average;
import org.convscope.layers.AveragePooling2D;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.Dense;
import org.convscope.layers.Flatten;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.GlobalPooling2D;
import org.convscope.layers.Identity;
import org.convscope.layers.Layer;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.Maximum;
import org.convscope.layers.Minimum;
import org.convscope.layers.Multiply;
import org.convscope.layers.PReLU;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.Rescaling;
import org.convscope.layers.Reshape;
import org.convscope.layers.Subtract;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;

/** Double-precision oracles of the non-convolution layers, from the layers' accessors (tests only). */
final class MoreOracles {
    private MoreOracles() {}

    static DTensor forward(Layer layer, List<DTensor> in) {
        DTensor x = in.get(0);
        if (layer instanceof Dense d) {
            int inD = d.kernel().dim(0), out = d.kernel().dim(1), rows = x.size() / inD;
            int[] s = x.shape().clone();
            s[s.length - 1] = out;
            DTensor y = DTensor.zeros(s);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < out; j++) {
                    double v = d.bias() == null ? 0 : d.bias().data()[j];
                    for (int p = 0; p < inD; p++) v += x.data()[r * inD + p] * d.kernel().data()[p * out + j];
                    y.data()[r * out + j] = v;
                }
            return DoubleOracle.activation(d.activation(), y);
        }
        if (layer instanceof BatchNormalization bn) {
            int a = bn.axis() < 0 ? bn.axis() + x.rank() : bn.axis(), inner = 1, c = bn.channels();
            for (int i = a + 1; i < x.rank(); i++) inner *= x.shape()[i];
            DTensor y = x.copy();
            for (int i = 0; i < y.size(); i++) {
                int ch = (i / inner) % c;
                double gamma = bn.gamma() == null ? 1 : bn.gamma().data()[ch], beta = bn.beta() == null ? 0 : bn.beta().data()[ch];
                y.data()[i] = (x.data()[i] - bn.movingMean().data()[ch]) / Math.sqrt(bn.movingVariance().data()[ch] + (double) bn.epsilon()) * gamma + beta;
            }
            return y;
        }
        if (layer instanceof ActivationLayer a) return ActivationOracle.apply(a.activation(), x);
        DTensor apps = AppsOracles.forward(layer, in);
        if (apps != null) return apps;
        if (layer instanceof PReLU p) {
            DTensor y = x.copy();
            int per = y.size() / x.dim(0);
            int[] shape = x.shape();
            for (int i = 0; i < y.size(); i++) {
                // alpha index: the item index with the shared (length-1) axes set to 0
                int rem = i % per, off = 0, stride = per;
                for (int ax = 1; ax < shape.length; ax++) {
                    stride /= shape[ax];
                    int idx = rem / stride;
                    rem %= stride;
                    off = off * p.alpha().dim(ax - 1) + (p.alpha().dim(ax - 1) == 1 ? 0 : idx);
                }
                double v = x.data()[i];
                y.data()[i] = v >= 0 ? v : p.alpha().data()[off] * v;
            }
            return y;
        }
        if (layer instanceof Pooling2D p) return pool(x, p);
        if (layer instanceof GlobalPooling2D g) {
            int n = x.dim(0), hw = x.dim(1) * x.dim(2), c = x.dim(3);
            DTensor y = g.keepdims() ? DTensor.zeros(n, 1, 1, c) : DTensor.zeros(n, c);
            for (int b = 0; b < n; b++)
                for (int ch = 0; ch < c; ch++) {
                    double acc = g instanceof GlobalAveragePooling2D ? 0 : Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < hw; p++) {
                        double v = x.data()[(b * hw + p) * c + ch];
                        acc = g instanceof GlobalAveragePooling2D ? acc + v / hw : Math.max(acc, v);
                    }
                    y.data()[b * c + ch] = acc;
                }
            return y;
        }
        if (layer instanceof Flatten) return x.reshape(x.dim(0), -1);
        if (layer instanceof Reshape r) {
            int[] t = r.targetShape(), s = new int[t.length + 1];
            s[0] = x.dim(0);
            System.arraycopy(t, 0, s, 1, t.length);
            return x.copy().reshape(s);
        }
        if (layer instanceof Identity) return x;
        if (layer instanceof ZeroPadding2D z) {
            int[] p = z.padding();
            int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = h + p[0] + p[1], ow = w + p[2] + p[3];
            DTensor y = DTensor.zeros(n, oh, ow, c);
            for (int b = 0; b < n; b++) for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int ch = 0; ch < c; ch++)
                y.data()[((b * oh + i + p[0]) * ow + j + p[2]) * c + ch] = x.data()[((b * h + i) * w + j) * c + ch];
            return y;
        }
        if (layer instanceof Cropping2D cr) {
            int[] p = cr.cropping();
            int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = h - p[0] - p[1], ow = w - p[2] - p[3];
            DTensor y = DTensor.zeros(n, oh, ow, c);
            for (int b = 0; b < n; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int ch = 0; ch < c; ch++)
                y.data()[((b * oh + i) * ow + j) * c + ch] = x.data()[((b * h + i + p[0]) * w + j + p[2]) * c + ch];
            return y;
        }
        if (layer instanceof UpSampling2D u) return upsample(x, u);
        if (layer instanceof Rescaling r) {
            float[] s = r.scale(), o = r.offset();
            int c = x.dim(-1);
            DTensor y = x.copy();
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] = x.data()[i] * (s.length == 1 ? s[0] : s[i % c]) + (o.length == 1 ? o[0] : o[i % c]);
            }
            return y;
        }
        if (layer instanceof Concatenate cc) {
            int[] out = in.get(0).shape().clone();
            int a = cc.axis() < 0 ? cc.axis() + out.length : cc.axis();
            out[a] = 0;
            for (DTensor t : in) out[a] += t.dim(a);
            int outer = 1, inner = 1;
            for (int d = 0; d < a; d++) outer *= out[d];
            for (int d = a + 1; d < out.length; d++) inner *= out[d];
            DTensor y = DTensor.zeros(out);
            int pos = 0;
            for (DTensor t : in) {
                int block = t.dim(a) * inner;
                for (int o = 0; o < outer; o++) System.arraycopy(t.data(), o * block, y.data(), o * out[a] * inner + pos, block);
                pos += block;
            }
            return y;
        }
        if (layer instanceof Add || layer instanceof Subtract || layer instanceof Multiply || layer instanceof Average
                || layer instanceof Maximum || layer instanceof Minimum) {
            DTensor y = broadcastMerge(in, 0);
            for (int k = 1; k < in.size(); k++) {
                DTensor xk = broadcastMerge(in, k);
                for (int i = 0; i < y.size(); i++) {
                    double a = y.data()[i], b = xk.data()[i];
                    y.data()[i] = layer instanceof Add || layer instanceof Average ? a + b
                            : layer instanceof Subtract ? a - b
                            : layer instanceof Multiply ? a * b
                            : layer instanceof Maximum ? Math.max(a, b) : Math.min(a, b);
                }
            }
            if (layer instanceof Average) for (int i = 0; i < y.size(); i++) y.data()[i] /= in.size();
            return y;
        }
        throw new IllegalArgumentException("no double oracle for " + layer.kerasClass() + " " + layer.getClass().getName());
    }

    /**
     * Input k of a merge repeated out to the merge's output shape, by Keras's rule written out
     * plainly: ranks are matched by inserting 1s after the batch axis, the output takes the larger
     * size on every axis, and an axis of length 1 is read at index 0 whatever the output index.
     */
    private static DTensor broadcastMerge(List<DTensor> in, int k) {
        int rank = 0;
        for (DTensor t : in) rank = Math.max(rank, t.rank());
        int[][] padded = new int[in.size()][];
        int[] out = new int[rank];
        for (int j = 0; j < in.size(); j++) {
            int[] sh = in.get(j).shape(), p = new int[rank];
            java.util.Arrays.fill(p, 1);
            p[0] = sh[0];
            for (int d = 1; d < sh.length; d++) p[rank - sh.length + d] = sh[d];
            padded[j] = p;
            for (int d = 0; d < rank; d++) out[d] = Math.max(out[d], p[d]);
        }
        DTensor y = DTensor.zeros(out);
        int[] idx = new int[rank];
        for (int i = 0; i < y.size(); i++) {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) { idx[d] = rest % out[d]; rest /= out[d]; }
            int src = 0;
            for (int d = 0; d < rank; d++) src = src * padded[k][d] + (padded[k][d] == 1 ? 0 : idx[d]);
            y.data()[i] = in.get(k).data()[src];
        }
        return y;
    }

    private static DTensor pool(DTensor x, Pooling2D p) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int[] pool = p.pool(), st = p.strides();
        ConvGeometry g = ConvGeometry.forPooling("oracle", n, h, w, c, pool, st, p.padding());
        DTensor y = DTensor.zeros(n, g.outH(), g.outW(), c);
        boolean max = p instanceof MaxPooling2D;
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < g.outH(); oy++)
                for (int ox = 0; ox < g.outW(); ox++)
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int ty = 0; ty < pool[0]; ty++)
                            for (int tx = 0; tx < pool[1]; tx++) {
                                int iy = oy * st[0] - g.padTop() + ty, ix = ox * st[1] - g.padLeft() + tx;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                double v = x.data()[((b * h + iy) * w + ix) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        y.data()[((b * g.outH() + oy) * g.outW() + ox) * c + ch] = max ? acc : acc / count;
                    }
        return y;
    }

    /** tf.image.resize with half-pixel centres, written out again. */
    private static DTensor upsample(DTensor x, UpSampling2D u) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = h * u.size()[0], ow = w * u.size()[1];
        DTensor y = DTensor.zeros(n, oh, ow, c);
        boolean nearest = u.interpolation() == Interpolation.NEAREST;
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int ch = 0; ch < c; ch++) {
                        double v;
                        if (nearest) {
                            v = x.data()[((b * h + oy / u.size()[0]) * w + ox / u.size()[1]) * c + ch];
                        } else {
                            double sy = (oy + 0.5) * h / oh - 0.5, sx = (ox + 0.5) * w / ow - 0.5;
                            int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
                            double fy = sy - y0, fx = sx - x0;
                            int ylo = Math.max(y0, 0), yhi = Math.min(y0 + 1, h - 1), xlo = Math.max(x0, 0), xhi = Math.min(x0 + 1, w - 1);
                            double tl = x.data()[((b * h + ylo) * w + xlo) * c + ch], tr = x.data()[((b * h + ylo) * w + xhi) * c + ch];
                            double bl = x.data()[((b * h + yhi) * w + xlo) * c + ch], br = x.data()[((b * h + yhi) * w + xhi) * c + ch];
                            double top = tl + (tr - tl) * fx, bot = bl + (br - bl) * fx;
                            v = top + (bot - top) * fy;
                        }
                        y.data()[((b * oh + oy) * ow + ox) * c + ch] = v;
                    }
        return y;
    }
}
