package org.convscope.grad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convscope.activation.Activation;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;

/**
 * Every layer's forward pass re-written in double precision from the layer's public accessors, as
 * plain loops: the oracle that central finite differences are taken on (tests only). Each oracle is
 * itself checked against the float layer before use (see {@link GradCheck}).
 */
final class DoubleOracle {
    private DoubleOracle() {}

    /** The layer's output in double precision. */
    static DTensor forward(Layer layer, List<DTensor> in) {
        if (layer instanceof Conv2D c) {
            DTensor z = conv2d(in.get(0), c.kernel(), c.bias(), c.strides(), c.padding(), c.dilation(), c.groups());
            return activation(c.activation(), z);
        }
        if (layer instanceof DepthwiseConv2D d) {
            return activation(d.activation(), depthwise(in.get(0), d.depthwiseKernel(), d.bias(), d.strides(), d.padding(), d.dilation()));
        }
        if (layer instanceof SeparableConv2D s) {
            DTensor mid = depthwise(in.get(0), s.depthwiseKernel(), null, s.strides(), s.padding(), s.dilation());
            DTensor z = conv2d(mid, s.pointwiseKernel(), s.bias(), new int[] {1, 1}, org.convscope.geometry.Padding.VALID,
                    new int[] {1, 1}, 1);
            return activation(s.activation(), z);
        }
        if (layer instanceof Conv2DTranspose t) return activation(t.activation(), transpose(in.get(0), t));
        if (layer instanceof Graph g) return graph(g, in);
        if (layer instanceof InputLayer) return in.get(0);
        return MoreOracles.forward(layer, in);
    }

    /** Runs a whole graph in double precision; returns the activations of every node. */
    static Map<String, DTensor> run(Graph g, Map<String, DTensor> feeds) {
        Map<String, DTensor> acts = new HashMap<>();
        for (Node n : g.nodes()) {
            if (n.layer() instanceof InputLayer) {
                acts.put(n.name(), feeds.get(n.name()));
                continue;
            }
            List<DTensor> args = new ArrayList<>();
            for (String s : n.inbound()) args.add(acts.get(s));
            acts.put(n.name(), forward(n.layer(), args));
        }
        return acts;
    }

    private static DTensor graph(Graph g, List<DTensor> in) {
        Map<String, DTensor> feeds = new HashMap<>();
        for (int i = 0; i < in.size(); i++) feeds.put(g.inputNames().get(i), in.get(i));
        return run(g, feeds).get(g.outputNames().get(0));
    }

    static DTensor conv2d(DTensor x, Tensor kernel, Tensor bias, int[] strides, org.convscope.geometry.Padding padding, int[] dil, int groups) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), cin = x.dim(3);
        int kh = kernel.dim(0), kw = kernel.dim(1), cinG = kernel.dim(2), cout = kernel.dim(3), coutG = cout / groups;
        ConvGeometry g = ConvGeometry.of("oracle", n, h, w, cin, kh, kw, strides, dil, padding, groups);
        DTensor y = DTensor.zeros(n, g.outH(), g.outW(), cout);
        float[] k = kernel.data();
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < g.outH(); oy++)
                for (int ox = 0; ox < g.outW(); ox++)
                    for (int co = 0; co < cout; co++) {
                        int gi = co / coutG;
                        double s = bias == null ? 0 : bias.data()[co];
                        for (int ty = 0; ty < kh; ty++) {
                            int iy = oy * strides[0] - g.padTop() + ty * dil[0];
                            if (iy < 0 || iy >= h) continue;
                            for (int tx = 0; tx < kw; tx++) {
                                int ix = ox * strides[1] - g.padLeft() + tx * dil[1];
                                if (ix < 0 || ix >= w) continue;
                                for (int ci = 0; ci < cinG; ci++) {
                                    s += x.data()[((b * h + iy) * w + ix) * cin + gi * cinG + ci] * k[((ty * kw + tx) * cinG + ci) * cout + co];
                                }
                            }
                        }
                        y.data()[((b * g.outH() + oy) * g.outW() + ox) * cout + co] = s;
                    }
        return y;
    }

    static DTensor depthwise(DTensor x, Tensor kernel, Tensor bias, int[] strides, org.convscope.geometry.Padding padding, int[] dil) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), cin = x.dim(3), kh = kernel.dim(0), kw = kernel.dim(1), mult = kernel.dim(3);
        ConvGeometry g = ConvGeometry.of("oracle", n, h, w, cin, kh, kw, strides, dil, padding, 1);
        int cout = cin * mult;
        DTensor y = DTensor.zeros(n, g.outH(), g.outW(), cout);
        float[] k = kernel.data();
        for (int b = 0; b < n; b++)
            for (int oy = 0; oy < g.outH(); oy++)
                for (int ox = 0; ox < g.outW(); ox++)
                    for (int c = 0; c < cin; c++)
                        for (int m = 0; m < mult; m++) {
                            double s = bias == null ? 0 : bias.data()[c * mult + m];
                            for (int ty = 0; ty < kh; ty++) {
                                int iy = oy * strides[0] - g.padTop() + ty * dil[0];
                                if (iy < 0 || iy >= h) continue;
                                for (int tx = 0; tx < kw; tx++) {
                                    int ix = ox * strides[1] - g.padLeft() + tx * dil[1];
                                    if (ix < 0 || ix >= w) continue;
                                    s += x.data()[((b * h + iy) * w + ix) * cin + c] * k[((ty * kw + tx) * cin + c) * mult + m];
                                }
                            }
                            y.data()[((b * g.outH() + oy) * g.outW() + ox) * cout + c * mult + m] = s;
                        }
        return y;
    }

    /** Scatter form: input (i, j) with tap (ty, tx) adds into output (i·s + ty·d − padTop, ...). */
    static DTensor transpose(DTensor x, Conv2DTranspose t) {
        Tensor kernel = t.kernel();
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), kh = kernel.dim(0), kw = kernel.dim(1), cout = kernel.dim(2), cin = kernel.dim(3);
        int[] s = t.strides(), d = t.dilation();
        TransposeGeometry g = TransposeGeometry.of("oracle", n, h, w, kh, kw, s, d, t.padding(), t.outputPadding());
        DTensor y = DTensor.zeros(n, g.outH(), g.outW(), cout);
        float[] k = kernel.data();
        for (int b = 0; b < n; b++)
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    for (int ty = 0; ty < kh; ty++) {
                        int oy = i * s[0] + ty * d[0] - g.padTop();
                        if (oy < 0 || oy >= g.outH()) continue;
                        for (int tx = 0; tx < kw; tx++) {
                            int ox = j * s[1] + tx * d[1] - g.padLeft();
                            if (ox < 0 || ox >= g.outW()) continue;
                            for (int co = 0; co < cout; co++)
                                for (int ci = 0; ci < cin; ci++)
                                    y.data()[((b * g.outH() + oy) * g.outW() + ox) * cout + co] +=
                                            x.data()[((b * h + i) * w + j) * cin + ci] * k[((ty * kw + tx) * cout + co) * cin + ci];
                        }
                    }
        if (t.bias() != null) {
            for (int p = 0; p < y.size(); p++) y.data()[p] += t.bias().data()[p % cout];
        }
        return y;
    }

    /** An activation function in double precision (null = linear). */
    static DTensor activation(Activation a, DTensor z) {
        if (a == null) return z;
        return ActivationOracle.apply(a, z);
    }
}
