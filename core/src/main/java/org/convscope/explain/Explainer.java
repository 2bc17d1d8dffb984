package org.convscope.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Layer;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.Weight;
import org.convscope.tensor.Shapes;

/**
 * Explains every layer of a graph with its own numbers: the output size formula filled in, the
 * padding split, the dilated kernel extent, the parameter and kernel counts, the FLOPs, the GEMM the
 * layer becomes and the im2col matrix it would need, and the receptive field on the input image.
 *
 * <p>Conventions: everything is per image (batch 1); FLOPs are 2 × the multiply-adds of the
 * convolution and dense layers (bias, activation, normalisation and pooling are not counted, as in
 * most papers); shapes are printed without the batch axis. The window geometry comes from
 * {@link ConvGeometry}, the same object the engine computes with.
 *
 * <pre>{@code
 * ModelExplanation e = Explainer.explain(model.graph());
 * System.out.print(e.render());
 * }</pre>
 */
public final class Explainer {
    private Explainer() {}

    /**
     * Explains every node of the graph, in execution order, with totals. A layer shared by several
     * nodes counts its parameters once (as Keras does), its FLOPs once per node. Nested models (a
     * pretrained base inside a transfer-learning model) are explained layer by layer: the graph is
     * {@link Graph#flattened() flattened}, their layers named by path ({@code base/inner}), and the
     * receptive fields run through them.
     *
     * @param model the model; its node shapes should have a known height and width, else the windowed
     *              layers only say that their numbers are unknown
     * @return the explanation; immutable
     * @throws IllegalArgumentException if a layer's geometry is invalid for the shapes of the graph
     */
    public static ModelExplanation explain(Graph model) {
        Graph graph = model.flattened();
        Map<String, ReceptiveField> fields = ReceptiveFields.all(graph);
        List<LayerExplanation> out = new ArrayList<>();
        Set<Layer> counted = Collections.newSetFromMap(new IdentityHashMap<>());
        long params = 0, flops = 0;
        for (Node n : graph.nodes()) {
            List<int[]> in = new ArrayList<>();
            for (String s : n.inbound()) in.add(graph.shapeOf(s));
            LayerExplanation e = explain(n.layer(), n.name(), in, graph.shapeOf(n.name()), fields.get(n.name()));
            out.add(e);
            if (counted.add(n.layer())) params += e.params();
            flops += e.flops();
        }
        return new ModelExplanation(graph.name(), out, params, flops);
    }

    /** The start of the detail line that names a layer's kernel path. */
    public static final String PATH_PREFIX = "kernel path: ";

    /**
     * Explains one application of a layer to inputs of these shapes. Used by {@link #explain(Graph)}
     * for every node; callable alone for a layer outside a graph.
     *
     * @param layer    the layer
     * @param name     the node's name, shown in the explanation
     * @param inShapes the input shapes, batch first (the batch is ignored; counts are per image);
     *                 empty for an input layer
     * @param outShape the output shape, batch first
     * @param field    the node's receptive field (see {@link ReceptiveFields#all}), or null to leave
     *                 out the receptive-field line
     * @return the explanation of this layer
     * @throws IllegalArgumentException if the layer's geometry is invalid for {@code inShapes}
     */
    public static LayerExplanation explain(Layer layer, String name, List<int[]> inShapes, int[] outShape, ReceptiveField field) {
        Builder b = new Builder(layer, name, inShapes, outShape);
        boolean sliding = layer instanceof Conv2D || layer instanceof DepthwiseConv2D || layer instanceof SeparableConv2D
                || layer instanceof Conv2DTranspose || layer instanceof Pooling2D;
        if (sliding && Footprint.window(layer, inShapes.get(0)) == null && !(layer instanceof Conv2DTranspose && known(inShapes.get(0)))) {
            b.lines.add("the input height and width are unknown (None): load a model with a fixed input size to see this layer's numbers");
            b.other();
            return new LayerExplanation(name, layer.kerasClass(), inShapes, outShape, null, b.params, 0, null, 0, field, b.lines);
        }
        switch (layer) {
            case Conv2D c -> b.conv2d(c);
            case DepthwiseConv2D d -> b.depthwise(d);
            case SeparableConv2D s -> b.separable(s);
            case Conv2DTranspose t -> b.transpose(t);
            case Pooling2D p -> b.pooling(p);
            case Dense d -> b.dense(d);
            case BatchNormalization bn -> b.batchNorm(bn);
            default -> b.other();
        }
        String path = layer.kernelPath();
        if (path != null) b.lines.add(PATH_PREFIX + path + " (the engine's planner, for this machine's " + EngineConfigs.width() + ")");
        if (field != null && !inShapes.isEmpty()) {
            b.lines.add(field.global()
                    ? "receptive field: the whole input (no spatial axes left)"
                    : "receptive field: one output cell sees " + field.sizeText() + " input cells; neighbouring cells are "
                      + field.jumpText() + " input cell(s) apart (jump = product of strides)");
        }
        return new LayerExplanation(name, layer.kerasClass(), inShapes, outShape, b.window, b.params, b.flops, b.gemm,
                b.im2col, field, b.lines);
    }

    private static boolean known(int[] shape) {
        return shape.length == 4 && shape[1] >= 0 && shape[2] >= 0;
    }

    /** Collects the lines and numbers of one layer. */
    private static final class Builder {
        final Layer layer;
        final String name;
        final List<int[]> in;
        final int[] out;
        final List<String> lines = new ArrayList<>();
        ConvGeometry window;
        long params, flops, im2col;
        GemmShape gemm;

        Builder(Layer layer, String name, List<int[]> in, int[] out) {
            this.layer = layer;
            this.name = name;
            this.in = in;
            this.out = out;
            for (Weight w : layer.weights()) params += w.value().size();
            String arrow = in.isEmpty() ? "input " + Numbers.shape(out)
                    : String.join(" + ", in.stream().map(Numbers::shape).toList()) + " → " + Numbers.shape(out);
            lines.add(arrow);
        }

        int[] in0() { return in.get(0); }

        /** Output size, padding split and dilated extent of a window on in0. */
        void windowLines(ConvGeometry g, String windowWord) {
            window = g;
            String h = sizeFormula(g.padding(), g.inH(), g.kh(), g.strideH(), g.dilationH(), g.outH());
            String w = sizeFormula(g.padding(), g.inW(), g.kw(), g.strideW(), g.dilationW(), g.outW());
            lines.add(h.equals(w) ? "H and W: " + h : "H: " + h + ";  W: " + w);
            if (g.padding() == Padding.SAME) {
                int th = g.padTop() + g.padBottom(), tw = g.padLeft() + g.padRight();
                lines.add("padding 'same': total = max((out − 1)·s + kd − in, 0) = " + th + " row(s), " + tw
                        + " column(s) → top " + g.padTop() + ", bottom " + g.padBottom() + ", left " + g.padLeft()
                        + ", right " + g.padRight() + ((th % 2 == 1 || tw % 2 == 1) ? " (TensorFlow puts the odd one at the bottom/right)" : ""));
            } else {
                lines.add("padding 'valid': none; the " + windowWord + " stays inside the input");
            }
            if (g.dilationH() > 1 || g.dilationW() > 1) {
                lines.add(windowWord + " " + g.kh() + "x" + g.kw() + " with dilation " + g.dilationH() + "x" + g.dilationW()
                        + " spans (k − 1)·d + 1 = " + g.dilatedKh() + "x" + g.dilatedKw() + " input cells");
            }
        }

        void conv2d(Conv2D c) {
            ConvGeometry g = Footprint.window(c, in0());
            windowLines(g, "kernel");
            int kh = g.kh(), kw = g.kw(), cin = g.inC(), groups = c.groups(), cinG = cin / groups, cout = c.filters();
            if (groups == 1) {
                lines.add(Numbers.plural(cout, "filter") + " on " + Numbers.plural(cin, "input channel") + " = "
                        + Numbers.count((long) cout * cin) + " kernels of " + kh + "x" + kw);
            } else {
                lines.add(Numbers.plural(cout, "filter") + " in " + groups + " groups, each filter on " + cinG + " of the " + cin
                        + " input channels = " + Numbers.count((long) cout * cinG) + " kernels of " + kh + "x" + kw);
            }
            lines.add("params: kh·kw·Cin/groups·Cout + bias = " + kh + "·" + kw + "·" + cinG + "·" + cout
                    + (c.bias() == null ? " + 0 (no bias)" : " + " + cout) + " = " + Numbers.count(params));
            long m = (long) g.outH() * g.outW();
            gemm = new GemmShape(m, (long) kh * kw * cinG, cout / groups, groups, "im2col GEMM");
            flops = gemm.flops();
            lines.add("GEMM: M = batch·H_out·W_out = 1·" + g.outH() + "·" + g.outW() + " = " + Numbers.count(m)
                    + ", K = kh·kw·Cin/groups = " + kh + "·" + kw + "·" + cinG + " = " + Numbers.count(gemm.k()) + ", N = Cout"
                    + (groups > 1 ? "/groups = " + cout / groups + ", " + groups + " times" : " = " + cout)
                    + ";  FLOPs = 2·M·K·N" + (groups > 1 ? "·groups" : "") + " = " + Numbers.count(flops));
            im2colLines(g, kh, kw, cinG, groups);
        }

        void im2colLines(ConvGeometry g, int kh, int kw, int cinG, int groups) {
            long inFloats = (long) g.inH() * g.inW() * g.inC();
            if (kh == 1 && kw == 1 && g.strideH() == 1 && g.strideW() == 1) {
                lines.add("im2col: a 1x1 stride-1 kernel needs none: the input itself is the " + Numbers.count(gemm.m()) + "×"
                        + cinG + " matrix A, read in place");
                return;
            }
            im2col = gemm.m() * gemm.k() * groups;
            lines.add(String.format(java.util.Locale.ROOT,
                    "im2col: A would be %s×%s%s = %s floats (%s, %.1f× the input); the engine never builds it: it packs"
                    + " each patch straight from the NHWC input into the GEMM's panels, saving those %s",
                    Numbers.count(gemm.m()), Numbers.count(gemm.k()), groups > 1 ? " ×" + groups : "", Numbers.count(im2col),
                    Numbers.bytes(im2col * 4), (double) im2col / inFloats, Numbers.bytes(im2col * 4)));
        }

        void depthwise(DepthwiseConv2D d) {
            ConvGeometry g = Footprint.window(d, in0());
            windowLines(g, "kernel");
            int kh = g.kh(), kw = g.kw(), c = g.inC(), mult = d.depthMultiplier();
            lines.add("one " + kh + "x" + kw + " kernel per input channel × depth multiplier " + mult + " = "
                    + Numbers.count((long) c * mult) + " kernels of " + kh + "x" + kw + " (channels are not mixed)");
            lines.add("params: kh·kw·Cin·multiplier + bias = " + kh + "·" + kw + "·" + c + "·" + mult
                    + (d.bias() == null ? " + 0 (no bias)" : " + " + (long) c * mult) + " = " + Numbers.count(params));
            flops = 2L * g.outH() * g.outW() * kh * kw * c * mult;
            lines.add("FLOPs = 2·H_out·W_out·kh·kw·Cin·multiplier = 2·" + g.outH() + "·" + g.outW() + "·" + kh + "·" + kw + "·"
                    + c + "·" + mult + " = " + Numbers.count(flops) + "; computed directly channel by channel (as a GEMM it"
                    + " would be " + c + " products of M×K×N = " + (long) g.outH() * g.outW() + "×" + kh * kw + "×" + mult + ")");
        }

        void separable(SeparableConv2D s) {
            ConvGeometry g = Footprint.window(s, in0());
            windowLines(g, "kernel");
            int kh = g.kh(), kw = g.kw(), c = g.inC(), mult = s.depthMultiplier(), cout = s.filters();
            long mid = (long) c * mult;
            lines.add("step 1, depthwise: one " + kh + "x" + kw + " kernel per input channel × multiplier " + mult + " = "
                    + Numbers.count(mid) + " kernels of " + kh + "x" + kw + "; step 2, pointwise: " + Numbers.plural(cout, "filter")
                    + " on " + Numbers.plural(mid, "channel") + " = " + Numbers.count(mid * cout) + " kernels of 1x1");
            lines.add("params: kh·kw·Cin·mult + Cin·mult·Cout + bias = " + kh + "·" + kw + "·" + c + "·" + mult + " + " + mid
                    + "·" + cout + (s.bias() == null ? " + 0 (no bias)" : " + " + cout) + " = " + Numbers.count(params)
                    + " (a full Conv2D would need " + Numbers.count((long) kh * kw * c * cout) + " weights)");
            long m = (long) g.outH() * g.outW();
            long dw = 2L * m * kh * kw * mid;
            gemm = new GemmShape(m, mid, cout, 1, "pointwise GEMM");
            flops = dw + gemm.flops();
            lines.add("FLOPs = depthwise 2·" + g.outH() + "·" + g.outW() + "·" + kh + "·" + kw + "·" + mid + " = " + Numbers.count(dw)
                    + " + pointwise GEMM 2·M·K·N with M = " + Numbers.count(m) + ", K = " + mid + ", N = " + cout + " = "
                    + Numbers.count(gemm.flops()) + " → " + Numbers.count(flops));
            lines.add("im2col: none: the depthwise step runs directly and the 1x1 pointwise step reads its output as A in place");
        }

        void transpose(Conv2DTranspose t) {
            TransposeGeometry g = Footprint.transpose(t, in0());
            int kh = g.kh(), kw = g.kw(), cin = t.inputChannels(), cout = t.filters();
            lines.add("transposed convolution: each input cell i adds kernel·value into output cells i·s + t·d − pad; out = "
                    + g.outH() + "x" + g.outW() + " (strides " + g.strideH() + "x" + g.strideW() + ", pad top/left "
                    + g.padTop() + "/" + g.padLeft() + ")");
            lines.add("params: kh·kw·Cout·Cin + bias = " + kh + "·" + kw + "·" + cout + "·" + cin
                    + (t.bias() == null ? " + 0" : " + " + cout) + " = " + Numbers.count(params));
            long m = (long) g.inH() * g.inW();
            gemm = new GemmShape(m, cin, (long) kh * kw * cout, 1, "GEMM + col2im");
            flops = gemm.flops();
            lines.add("GEMM: M = H_in·W_in = " + Numbers.count(m) + ", K = Cin = " + cin + ", N = kh·kw·Cout = "
                    + Numbers.count(gemm.n()) + ", then col2im scatters the columns; FLOPs = 2·M·K·N = " + Numbers.count(flops));
        }

        void pooling(Pooling2D p) {
            ConvGeometry g = Footprint.window(p, in0());
            windowLines(g, "window");
            lines.add((p instanceof MaxPooling2D
                    ? "each output cell is the largest of the in-bounds cells of its " + g.kh() + "x" + g.kw() + " window (padding never wins)"
                    : "each output cell is the mean of the in-bounds cells of its " + g.kh() + "x" + g.kw()
                      + " window (divided by their count, as TensorFlow does)") + ", channel by channel; no weights");
        }

        void dense(Dense d) {
            long rows = 1;
            for (int i = 1; i < in0().length - 1; i++) rows *= Math.max(1, in0()[i]);
            gemm = new GemmShape(rows, d.inputDim(), d.units(), 1, "GEMM");
            flops = gemm.flops();
            lines.add("params: in·out + bias = " + d.inputDim() + "·" + d.units() + (d.bias() == null ? " + 0" : " + " + d.units())
                    + " = " + Numbers.count(params));
            lines.add("GEMM: M = " + rows + ", K = " + d.inputDim() + ", N = " + d.units() + "; FLOPs = 2·M·K·N = " + Numbers.count(flops));
        }

        void batchNorm(BatchNormalization bn) {
            lines.add("per channel: (x − mean) / sqrt(var + " + bn.epsilon() + ")·gamma + beta, folded to x·scale + shift; params "
                    + layer.weights().size() + " vectors of " + bn.channels() + " = " + Numbers.count(params)
                    + " (moving mean and variance are not trainable)");
        }

        void other() {
            String c = layer.kerasClass();
            switch (c) {
                case "InputLayer" -> lines.add(in.isEmpty() ? "the image fed to the model"
                        : "the input of nested model '" + name.substring(0, Math.max(0, name.lastIndexOf('/'))) + "': the tensor before it, passed through");
                case "Functional", "Sequential", "Model" -> {
                    if (in.size() == 1 && layer.weights().isEmpty()) {
                        lines.add("the output of nested model '" + name + "', computed by its layers '" + name + "/…' above (their parameters are counted there)");
                    }
                }
                case "Flatten" -> lines.add("reads the values row by row: " + Numbers.shape(in0()).replace("x", "·") + " = "
                        + Numbers.count(Shapes.size(Arrays.copyOfRange(out, 1, out.length))) + " values per image");
                case "GlobalAveragePooling2D", "GlobalMaxPooling2D" ->
                        lines.add((c.startsWith("GlobalAverage") ? "mean" : "largest value") + " of each channel over all "
                                + in0()[1] + "·" + in0()[2] + " positions");
                case "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum" ->
                        lines.add("combines its " + in.size() + " inputs value by value (" + c.toLowerCase() + ")");
                case "Concatenate" -> lines.add("stacks its " + in.size() + " inputs along an axis");
                default -> { }
            }
            if (params > 0) lines.add("params: " + Numbers.count(params));
        }
    }

    /**
     * The output length along one axis with this layer's numbers, for example
     * {@code "same: ceil(64 / 2) = 32"} or {@code "valid: floor((64 − 3) / 1) + 1 = 62"}; a dilated
     * kernel is written out as {@code ((k − 1)·d + 1)}. It only formats: {@code out} is not checked.
     *
     * @param padding SAME gives the "same" formula, anything else the "valid" one
     * @param in      input length
     * @param k       kernel length in taps
     * @param s       stride
     * @param d       dilation
     * @param out     the output length to print after "=" (from {@link ConvGeometry})
     * @return the formula as one line of text
     */
    public static String sizeFormula(Padding padding, int in, int k, int s, int d, int out) {
        if (padding == Padding.SAME) return "same: ceil(" + in + " / " + s + ") = " + out;
        String kd = d == 1 ? Integer.toString(k) : "((" + k + " − 1)·" + d + " + 1)";
        return "valid: floor((" + in + " − " + kd + ") / " + s + ") + 1 = " + out;
    }
}
