package org.convscope.grad;

import java.util.List;
import org.convscope.layers.BinaryOp;
import org.convscope.layers.CenterCrop;
import org.convscope.layers.Layer;
import org.convscope.layers.LayerNormalization;
import org.convscope.layers.LayerScale;
import org.convscope.layers.Normalization;
import org.convscope.layers.Reduce;
import org.convscope.layers.Transpose;
import org.convscope.reference.ReferenceNormalization;

/** Double-precision oracles of the layers and op nodes added for Keras applications (tests only). */
final class AppsOracles {
    private AppsOracles() {}

    static DTensor forward(Layer layer, List<DTensor> in) {
        DTensor x = in.get(0);
        int[] s = x.shape();
        if (layer instanceof Normalization n) {
            return new DTensor(s, ReferenceNormalization.normalization(x.data(), s, n.keepAxes(), d(n.mean()), d(n.variance()), n.invert()));
        }
        if (layer instanceof LayerNormalization l) {
            return new DTensor(s, ReferenceNormalization.layerNormalization(x.data(), s, l.axes(), l.epsilon(), d(l.gamma()), d(l.beta()),
                    l.rmsScaling()));
        }
        if (layer instanceof org.convscope.layers.OpReshape r) return new DTensor(r.forward(x.toFloat()).shape(), x.data());
        if (layer instanceof LayerScale l) {
            float[] g = l.gamma();
            DTensor y = x.copy();
            for (int i = 0; i < y.size(); i++) y.data()[i] *= g[i % g.length];
            return y;
        }
        if (layer instanceof CenterCrop c) {
            int n = s[0], h = s[1], w = s[2], ch = s[3], top = (h - c.height()) / 2, left = (w - c.width()) / 2;
            DTensor y = DTensor.zeros(n, c.height(), c.width(), ch);
            int o = 0;
            for (int b = 0; b < n; b++)
                for (int r = 0; r < c.height(); r++)
                    for (int q = 0; q < c.width(); q++)
                        for (int k = 0; k < ch; k++) y.data()[o++] = x.data()[((b * h + top + r) * w + left + q) * ch + k];
            return y;
        }
        if (layer instanceof Transpose t) {
            int[] out = t.outputShape(s);
            int[] p = t.axes();
            DTensor y = DTensor.zeros(out);
            int[] oc = new int[s.length];
            for (int o = 0; o < y.size(); o++) {
                int[] ic = new int[s.length];
                for (int i = 0; i < s.length; i++) ic[p[i] < 0 ? p[i] + s.length : p[i]] = oc[i];
                y.data()[o] = x.data()[flat(ic, s)];
                next(oc, out);
            }
            return y;
        }
        if (layer instanceof Reduce r) {
            int[] kept = new Reduce("k", "k", r.kind(), r.axes(), true, null).outputShape(s);
            DTensor y = DTensor.zeros(kept);
            double[] acc = y.data();
            if (r.kind() == Reduce.Kind.MAX) java.util.Arrays.fill(acc, Double.NEGATIVE_INFINITY);
            if (r.kind() == Reduce.Kind.MIN) java.util.Arrays.fill(acc, Double.POSITIVE_INFINITY);
            int[] c = new int[s.length];
            for (int i = 0; i < x.size(); i++) {
                int[] kc = c.clone();
                for (int d = 0; d < s.length; d++) if (kept[d] == 1) kc[d] = 0;
                int k = flat(kc, kept);
                double v = x.data()[i];
                acc[k] = switch (r.kind()) {
                    case MAX -> Math.max(acc[k], v);
                    case MIN -> Math.min(acc[k], v);
                    default -> acc[k] + v;
                };
                next(c, s);
            }
            if (r.kind() == Reduce.Kind.MEAN) for (int k = 0; k < acc.length; k++) acc[k] /= (double) x.size() / acc.length;
            return y.reshape(r.outputShape(s));
        }
        if (layer instanceof BinaryOp b) {
            DTensor a = in.get(0), c = in.get(1);
            int[] out = b.outputShape(List.of(a.shape(), c.shape()));
            DTensor y = DTensor.zeros(out);
            int[] oc = new int[out.length];
            for (int o = 0; o < y.size(); o++) {
                double u = a.data()[at(oc, a.shape(), out)], v = c.data()[at(oc, c.shape(), out)];
                y.data()[o] = switch (b.op()) {
                    case ADD -> u + v;
                    case SUBTRACT -> u - v;
                    case MULTIPLY -> u * v;
                    case DIVIDE -> u / v;
                    case MAXIMUM -> Math.max(u, v);
                    case MINIMUM -> Math.min(u, v);
                    case POWER -> Math.pow(u, v);
                };
                next(oc, out);
            }
            return y;
        }
        return null;
    }

    /** The flat index in a tensor of shape {@code s} (right-aligned, size-1 axes broadcast) read at output coordinates {@code oc}. */
    private static int at(int[] oc, int[] s, int[] out) {
        int[] c = new int[s.length];
        for (int i = 0; i < s.length; i++) c[i] = s[i] == 1 ? 0 : oc[out.length - s.length + i];
        return flat(c, s);
    }

    private static int flat(int[] c, int[] s) {
        int f = 0;
        for (int d = 0; d < s.length; d++) f = f * s[d] + c[d];
        return f;
    }

    private static void next(int[] c, int[] s) {
        for (int d = s.length - 1; d >= 0; d--) {
            if (++c[d] < s[d]) return;
            c[d] = 0;
        }
    }

    private static double[] d(float[] f) {
        if (f == null) return null;
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) r[i] = f[i];
        return r;
    }
}
