package org.convscope.grad;

import java.util.List;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.layers.BinaryOp;
import org.convscope.layers.CenterCrop;
import org.convscope.layers.LayerNormalization;
import org.convscope.layers.LayerScale;
import org.convscope.layers.Normalization;
import org.convscope.layers.Reduce;
import org.convscope.layers.Transpose;
import org.convscope.tensor.Broadcast;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * The backward rules of the layers and op nodes that Keras applications brought in (issue 19):
 * Normalization, LayerNormalization, LayerScale, CenterCrop, and the op nodes Reduce, Transpose and
 * BinaryOp. Resizing has none: a backward pass through it ends in {@link NoGradientException}.
 */
final class AppLayerGradients {
    private AppLayerGradients() {}

    static void registerAll() {
        LayerGradients.register(Normalization.class, (SingleInputGradient<Normalization>) AppLayerGradients::normalization);
        LayerGradients.register(LayerScale.class, (SingleInputGradient<LayerScale>) AppLayerGradients::layerScale);
        LayerGradients.register(LayerNormalization.class, (SingleInputGradient<LayerNormalization>) AppLayerGradients::layerNorm);
        LayerGradients.register(CenterCrop.class, (SingleInputGradient<CenterCrop>) AppLayerGradients::centerCrop);
        LayerGradients.register(Transpose.class, (SingleInputGradient<Transpose>) AppLayerGradients::transpose);
        LayerGradients.register(Reduce.class, (SingleInputGradient<Reduce>) AppLayerGradients::reduce);
        LayerGradients.register(BinaryOp.class, AppLayerGradients::binary);
    }

    /** y = (x − m)/s: dx = g/s (invert: y = m + x·s, dx = g·s), s per kept-axes position. */
    static Tensor normalization(Normalization l, Tensor x, Tensor y, Tensor g) {
        // the layer maps a unit step in x to a step of 1/s (or s): read it off the layer itself
        Tensor ones = Tensor.zeros(x.shape());
        Tensor zero = l.forward(ones);                    // (0 − m)/s, or m
        java.util.Arrays.fill(ones.data(), 1f);
        Tensor one = l.forward(ones);                     // (1 − m)/s, or m + s
        Tensor d = Tensor.zeros(x.shape());
        float[] gg = g.data(), o = d.data(), a = one.data(), b = zero.data();
        for (int i = 0; i < o.length; i++) o[i] = (float) (gg[i] * ((double) a[i] - b[i]));
        return d;
    }

    /** y = x·γ per last-axis channel: dx = g·γ. */
    static Tensor layerScale(LayerScale l, Tensor x, Tensor y, Tensor g) {
        float[] gamma = l.gamma(), gg = g.data();
        Tensor d = Tensor.zeros(x.shape());
        float[] o = d.data();
        for (int i = 0; i < o.length; i++) o[i] = gg[i] * gamma[i % gamma.length];
        return d;
    }

    /**
     * Per group of n values normalised together, with x̂ = (x − μ)·r, r = 1/√(var + ε) and
     * h = g·γ: dx = r·(h − mean(h) − x̂·mean(h·x̂)). With rms_scaling (y = x·r·γ, no centring):
     * dx = r·h − (x − μ)·r³·mean(h·x).
     */
    static Tensor layerNorm(LayerNormalization l, Tensor x, Tensor y, Tensor g) {
        int[] s = x.shape();
        int rank = s.length;
        int[] axes = l.axes();
        boolean[] isAxis = new boolean[rank];
        for (int a : axes) isAxis[a] = true;
        int n = 1;
        for (int a : axes) n *= s[a];
        float[] gamma = l.gamma();
        int[] strides = new int[rank];
        strides[rank - 1] = 1;
        for (int d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * s[d + 1];
        int[] inGroup = offsets(s, strides, isAxis, true, n);
        int groups = x.size() / n;
        int[] firsts = offsets(s, strides, isAxis, false, groups);
        float[] xx = x.data(), gg = g.data();
        Tensor out = Tensor.zeros(s);
        float[] o = out.data();
        double eps = l.epsilon();
        for (int grp = 0; grp < groups; grp++) {
            int base = firsts[grp];
            double mu = 0;
            for (int k = 0; k < n; k++) mu += xx[base + inGroup[k]];
            mu /= n;
            double var = 0;
            for (int k = 0; k < n; k++) {
                double dv = xx[base + inGroup[k]] - mu;
                var += dv * dv;
            }
            var /= n;
            double r = 1 / Math.sqrt(var + eps);
            // y = (x − c)·r·γ + β with c = μ (or 0 for rms_scaling); h = g·γ
            double sumH = 0, sumHxc = 0;
            for (int k = 0; k < n; k++) {
                int i = base + inGroup[k];
                double h = gg[i] * (gamma == null ? 1 : gamma[k]);
                sumH += h;
                sumHxc += h * (xx[i] - (l.rmsScaling() ? 0 : mu));
            }
            for (int k = 0; k < n; k++) {
                int i = base + inGroup[k];
                double h = gg[i] * (gamma == null ? 1 : gamma[k]);
                double xm = xx[i] - mu;
                // d/dx_i of (x_j − c)·r: r·δij − r·dc/dx_i − (x_j − c)·r³·(x_i − μ)/n
                double v = l.rmsScaling() ? r * h - r * r * r * xm * sumHxc / n
                        : r * (h - sumH / n) - r * r * r * xm * sumHxc / n;
                o[i] = (float) v;
            }
        }
        return out;
    }

    private static int[] offsets(int[] shape, int[] strides, boolean[] isAxis, boolean along, int count) {
        int[] out = new int[count];
        int[] coord = new int[shape.length];
        for (int i = 0; i < count; i++) {
            int off = 0;
            for (int d = 0; d < shape.length; d++) off += coord[d] * strides[d];
            out[i] = off;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (isAxis[d] != along) continue;
                if (++coord[d] < shape[d]) break;
                coord[d] = 0;
            }
        }
        return out;
    }

    /** The window's gradient put back in place, zeros around it. */
    static Tensor centerCrop(CenterCrop l, Tensor x, Tensor y, Tensor g) {
        int[] s = x.shape();
        int n = s[0], h = s[1], w = s[2], c = s[3], hh = l.height(), ww = l.width();
        int top = (h - hh) / 2, left = (w - ww) / 2;
        Tensor d = Tensor.zeros(s);
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < hh; r++) {
                System.arraycopy(g.data(), (b * hh + r) * ww * c, d.data(), ((b * h + top + r) * w + left) * c, ww * c);
            }
        }
        return d;
    }

    /** The output gradient transposed back with the inverse permutation. */
    static Tensor transpose(Transpose l, Tensor x, Tensor y, Tensor g) {
        int rank = x.rank();
        int[] p = l.axes();
        if (p == null) {
            p = new int[rank];
            for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
        }
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) inv[p[i] < 0 ? p[i] + rank : p[i]] = i;
        return new Transpose(l.name() + "_grad", inv).forward(g);
    }

    /** Sum: g repeated; mean: g/count repeated; max/min: g shared equally by the positions that hold the extreme. */
    static Tensor reduce(Reduce l, Tensor x, Tensor y, Tensor g) {
        int[] s = x.shape();
        int[] kept = keptShape(l, s);
        Tensor gk = g.reshape(kept), yk = y.reshape(kept);
        Tensor gb = Broadcast.to(gk, s).copy();
        long count = x.size() / Math.max(1, y.size());
        float[] o = gb.data();
        if (l.kind() == Reduce.Kind.SUM) return gb;
        if (l.kind() == Reduce.Kind.MEAN) {
            for (int i = 0; i < o.length; i++) o[i] /= count;
            return gb;
        }
        float[] yb = Broadcast.to(yk, s).data(), xx = x.data();
        float[] ties = new float[y.size()];
        int[] st = Broadcast.strides(kept, s);
        int[] idx = new int[s.length];
        int[] where = new int[o.length];
        for (int i = 0; i < o.length; i++) {
            int k = 0;
            for (int d = 0; d < s.length; d++) k += idx[d] * st[d];
            where[i] = k;
            if (xx[i] == yb[i]) ties[k]++;
            for (int d = s.length - 1; d >= 0; d--) {
                if (++idx[d] < s[d]) break;
                idx[d] = 0;
            }
        }
        for (int i = 0; i < o.length; i++) o[i] = xx[i] == yb[i] ? o[i] / ties[where[i]] : 0f;
        return gb;
    }

    /** The reduction's output shape with the reduced axes kept as 1 (what g is, seen in x's rank). */
    private static int[] keptShape(Reduce l, int[] s) {
        if (l.keepDims()) return l.outputShape(s);
        Reduce keep = new Reduce(l.name(), l.kerasClass(), l.kind(), l.axes(), true, null);
        return keep.outputShape(s);
    }

    /** Each input's share of g, summed over the axes it was broadcast along (NumPy alignment). */
    static List<Tensor> binary(BinaryOp l, List<Tensor> in, Tensor y, Tensor g) {
        Tensor a = in.get(0), b = in.get(1);
        int[] out = y.shape();
        Tensor ab = Broadcast.to(a.reshape(pad(a.shape(), out.length)), out), bb = Broadcast.to(b.reshape(pad(b.shape(), out.length)), out);
        float[] av = ab.data(), bv = bb.data(), gg = g.data();
        float[] da = new float[gg.length], db = new float[gg.length];
        ScalarArithmetic.Op op = l.op();
        for (int i = 0; i < gg.length; i++) {
            double x1 = av[i], x2 = bv[i];
            double d1, d2;
            switch (op) {
                case ADD -> { d1 = 1; d2 = 1; }
                case SUBTRACT -> { d1 = 1; d2 = -1; }
                case MULTIPLY -> { d1 = x2; d2 = x1; }
                case DIVIDE -> { d1 = 1 / x2; d2 = -x1 / (x2 * x2); }
                case MAXIMUM -> { d1 = x1 >= x2 ? 1 : 0; d2 = 1 - d1; }
                case MINIMUM -> { d1 = x1 <= x2 ? 1 : 0; d2 = 1 - d1; }
                default -> { d1 = x2 * Math.pow(x1, x2 - 1); d2 = Math.pow(x1, x2) * Math.log(x1); }
            }
            da[i] = (float) (gg[i] * d1);
            db[i] = (float) (gg[i] * d2);
        }
        return List.of(Broadcast.sumTo(Tensor.of(da, out), pad(a.shape(), out.length)).reshape(a.shape()),
                Broadcast.sumTo(Tensor.of(db, out), pad(b.shape(), out.length)).reshape(b.shape()));
    }

    private static int[] pad(int[] s, int rank) {
        int[] r = new int[rank];
        java.util.Arrays.fill(r, 1);
        System.arraycopy(s, 0, r, rank - s.length, s.length);
        if (Shapes.size(r) != Shapes.size(s)) throw new IllegalStateException();
        return r;
    }
}
