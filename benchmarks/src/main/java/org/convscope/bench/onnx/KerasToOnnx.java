package org.convscope.bench.onnx;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.activation.HardSigmoid;
import org.convscope.activation.Relu;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Add;
import org.convscope.layers.AveragePooling2D;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Flatten;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.GlobalMaxPooling2D;
import org.convscope.layers.GlobalPooling2D;
import org.convscope.layers.Identity;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.Maximum;
import org.convscope.layers.Merge;
import org.convscope.layers.Minimum;
import org.convscope.layers.Multiply;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.Rescaling;
import org.convscope.layers.Reshape;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.Softmax;
import org.convscope.layers.Subtract;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;

/**
 * Converts a convscope {@link Graph} (a Keras model loaded by io-keras) into an {@link OnnxGraph}
 * that computes the same function in ONNX's native NCHW layout.
 *
 * <ul>
 *   <li>Every rank-4 Keras value {@code [N,H,W,C]} is the ONNX value {@code [N,C,H,W]} of the same
 *       name; other ranks keep their layout. The graph input is NCHW (for one image with one
 *       channel its bytes equal the NHWC ones).</li>
 *   <li>Kernels go from Keras's {@code (kh,kw,cin,cout)} to ONNX's {@code (cout,cin,kh,kw)};
 *       DepthwiseConv2D {@code (kh,kw,cin,mult)} becomes a grouped Conv (group = cin) with weight
 *       {@code (cin·mult,1,kh,kw)}; SeparableConv2D is that depthwise Conv followed by a 1×1 Conv.</li>
 *   <li>{@code 'same'} padding is written as explicit {@code pads} with TensorFlow's split: the odd
 *       row/column goes to the bottom/right. MaxPool's padding never wins the max (as in Keras),
 *       AveragePool leaves padding out of the count ({@code count_include_pad = 0}, as Keras).</li>
 *   <li>Flatten of a rank-4 value first transposes NCHW back to NHWC, so that the flattened order,
 *       and hence the next Dense layer's rows, are Keras's.</li>
 *   <li>Activations fused into a layer become their own node after it; Dropout and the other
 *       inference-time identities become Identity. ReLU with {@code max_value} (ReLU6) is Clip,
 *       silu/swish is {@code x · Sigmoid(x)}, Keras 3's hard_sigmoid is HardSigmoid(1/6, 1/2).</li>
 *   <li>Merges (Add, Subtract, Multiply, Maximum, Minimum) of inputs of the same rank broadcast as in
 *       Keras: a rank-4 {@code [N,1,1,C]} (squeeze-and-excitation) is {@code [N,C,1,1]} in NCHW, which
 *       ONNX broadcasts over {@code [N,C,H,W]} the same way.</li>
 *   <li>Reshape goes through NHWC: a rank-4 value is transposed back before and forth after, unless
 *       its height and width are 1 (then NCHW and NHWC hold the same bytes).</li>
 *   <li>ZeroPadding2D is Pad (constant 0); Rescaling is Mul and Add with per-channel constants shaped
 *       {@code [C,1,1]} for rank 4; Keras's Normalization is {@code (x − mean) / max(√variance, 1e-7)}
 *       as Sub and Div.</li>
 * </ul>
 * Supported: InputLayer, Conv2D, DepthwiseConv2D, SeparableConv2D, BatchNormalization (channel
 * axis), Activation/ReLU/Softmax (linear, relu with or without max_value or negative slope, relu6,
 * sigmoid, tanh, silu/swish, hard_sigmoid, hard_silu, softmax on the last axis), MaxPooling2D,
 * AveragePooling2D, the merges above, GlobalAveragePooling2D, GlobalMaxPooling2D, Dense (rank-2
 * input), Flatten, Reshape, ZeroPadding2D, Rescaling, Normalization (see {@link #normalization}) and
 * the identities. Any other layer: an {@link IllegalArgumentException} naming it.
 */
public final class KerasToOnnx {
    private final Graph graph;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxInitializer> initializers = new ArrayList<>();
    private final List<OnnxValueInfo> inputs = new ArrayList<>();

    private KerasToOnnx(Graph graph) { this.graph = graph; }

    /**
     * Converts the graph; its outputs are the model's outputs.
     *
     * @param graph the model's graph
     * @return the ONNX graph
     * @throws IllegalArgumentException for a layer the converter does not support
     */
    public static OnnxGraph convert(Graph graph) { return convert(graph, List.of()); }

    /**
     * Converts the graph with extra outputs: the values of these Keras layers (NCHW when rank 4).
     *
     * @param graph        the model's graph
     * @param extraOutputs names of layers whose outputs the ONNX graph also returns
     * @return the ONNX graph
     * @throws IllegalArgumentException for a layer the converter does not support, or an unknown name
     */
    public static OnnxGraph convert(Graph graph, List<String> extraOutputs) {
        KerasToOnnx c = new KerasToOnnx(graph);
        for (Node n : graph.nodes()) c.node(n);
        List<OnnxValueInfo> outputs = new ArrayList<>();
        List<String> names = new ArrayList<>(graph.outputNames());
        for (String e : extraOutputs) {
            if (!graph.hasNode(e)) throw new IllegalArgumentException("no layer named '" + e + "' in model " + graph.name());
            if (!names.contains(e)) names.add(e);
        }
        for (String o : names) outputs.add(new OnnxValueInfo(o, onnxDims(graph.shapeOf(o))));
        return new OnnxGraph(graph.name(), c.nodes, c.initializers, c.inputs, outputs);
    }

    /** {@return the ONNX shape of a Keras shape: NHWC → NCHW for rank 4, else unchanged} @param keras a Keras shape */
    public static long[] onnxDims(int[] keras) {
        long[] d = new long[keras.length];
        if (keras.length == 4) {
            d[0] = keras[0];
            d[1] = keras[3];
            d[2] = keras[1];
            d[3] = keras[2];
        } else {
            for (int i = 0; i < keras.length; i++) d[i] = keras[i];
        }
        return d;
    }

    private void node(Node n) {
        Layer l = n.layer();
        String name = n.name();
        String in = n.inbound().isEmpty() ? null : n.inbound().get(0);
        switch (l) {
            case InputLayer il -> {
                int rank = il.shape().length;
                if (rank != 4 && rank != 2) unsupported(n, "input of rank " + rank);
                inputs.add(new OnnxValueInfo(name, onnxDims(graph.shapeOf(name))));
            }
            case Conv2D c -> {
                String w = weight(name + "/kernel", convKernelDims(c.kernel()), convKernelData(c.kernel()));
                String out = mainOutput(name, c.activation());
                nodes.add(conv(out, in, w, bias(name, c.bias()), c.kernelSize(), c.strides(), c.dilation(),
                        pads(graph.shapeOf(in), c.kernelSize(), c.strides(), c.dilation(), c.padding()), c.groups()));
                activationAfter(n, out, c.activation(), 4);
            }
            case DepthwiseConv2D d -> {
                String w = weight(name + "/depthwise_kernel", depthwiseDims(d.depthwiseKernel()), depthwiseData(d.depthwiseKernel()));
                String out = mainOutput(name, d.activation());
                nodes.add(conv(out, in, w, bias(name, d.bias()), d.kernelSize(), d.strides(), d.dilation(),
                        pads(graph.shapeOf(in), d.kernelSize(), d.strides(), d.dilation(), d.padding()), d.inputChannels()));
                activationAfter(n, out, d.activation(), 4);
            }
            case SeparableConv2D s -> {
                String dw = weight(name + "/depthwise_kernel", depthwiseDims(s.depthwiseKernel()), depthwiseData(s.depthwiseKernel()));
                String pw = weight(name + "/pointwise_kernel", convKernelDims(s.pointwiseKernel()), convKernelData(s.pointwiseKernel()));
                nodes.add(conv(name + "/depthwise", in, dw, null, s.kernelSize(), s.strides(), s.dilation(),
                        pads(graph.shapeOf(in), s.kernelSize(), s.strides(), s.dilation(), s.padding()), s.inputChannels()));
                String out = mainOutput(name, s.activation());
                nodes.add(conv(out, name + "/depthwise", pw, bias(name, s.bias()), new int[] {1, 1}, new int[] {1, 1},
                        new int[] {1, 1}, new long[] {0, 0, 0, 0}, 1));
                activationAfter(n, out, s.activation(), 4);
            }
            case BatchNormalization b -> batchNorm(n, b, in);
            case Softmax s -> {
                int rank = graph.shapeOf(name).length;
                if (s.axis() != -1 && s.axis() != rank - 1) unsupported(n, "softmax on axis " + s.axis());
                nodes.add(OnnxNode.of(name, "Softmax", List.of(in), OnnxAttribute.of("axis", rank == 4 ? 1L : -1L)));
            }
            case ActivationLayer a -> activationNode(n, name, in, a.activation(), graph.shapeOf(name).length);
            case Pooling2D p -> {
                String op = p instanceof MaxPooling2D ? "MaxPool" : p instanceof AveragePooling2D ? "AveragePool" : null;
                if (op == null) unsupported(n, "pooling kind");
                nodes.add(OnnxNode.of(name, op, List.of(in),
                        OnnxAttribute.ints("kernel_shape", p.pool()[0], p.pool()[1]),
                        OnnxAttribute.ints("strides", p.strides()[0], p.strides()[1]),
                        OnnxAttribute.ints("pads", pads(graph.shapeOf(in), p.pool(), p.strides(), new int[] {1, 1}, p.padding()))));
            }
            case Merge m -> merge(n, m);
            case ZeroPadding2D z -> {
                int[] p = z.padding();   // top, bottom, left, right
                String pads = int64(name + "/pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3]);
                nodes.add(OnnxNode.of(name, "Pad", List.of(in, pads)));   // mode "constant", value 0: the defaults
            }
            case Rescaling r -> affine(n, in, r.scale(), r.offset());
            case Reshape r -> reshape(n, in);
            case GlobalPooling2D gp -> {
                String op = gp instanceof GlobalAveragePooling2D ? "GlobalAveragePool"
                        : gp instanceof GlobalMaxPooling2D ? "GlobalMaxPool" : null;
                if (op == null) unsupported(n, "global pooling kind");
                if (gp.keepdims()) {
                    nodes.add(OnnxNode.of(name, op, List.of(in)));   // [N,C,1,1] is Keras's [N,1,1,C] in NCHW
                } else {
                    nodes.add(OnnxNode.of(name + "/pool", op, List.of(in)));
                    nodes.add(OnnxNode.of(name, "Flatten", List.of(name + "/pool"), OnnxAttribute.of("axis", 1L)));
                }
            }
            case Dense d -> {
                int rank = graph.shapeOf(in).length;
                if (rank != 2) unsupported(n, "Dense on a rank-" + rank + " input");
                String w = weight(name + "/kernel", dims(d.kernel().shape()), d.kernel().data());
                String out = mainOutput(name, d.activation());
                if (d.bias() == null) nodes.add(OnnxNode.of(out, "MatMul", List.of(in, w)));
                else nodes.add(OnnxNode.of(out, "Gemm", List.of(in, w, bias(name, d.bias()))));
                activationAfter(n, out, d.activation(), 2);
            }
            case Flatten f -> {
                String src = in;
                if (graph.shapeOf(in).length == 4) {
                    // back to NHWC first: Keras flattens height, width, channels in that order
                    nodes.add(OnnxNode.of(name + "/nhwc", "Transpose", List.of(in), OnnxAttribute.ints("perm", 0, 2, 3, 1)));
                    src = name + "/nhwc";
                }
                nodes.add(OnnxNode.of(name, "Flatten", List.of(src), OnnxAttribute.of("axis", 1L)));
            }
            case Identity id -> nodes.add(OnnxNode.of(name, "Identity", List.of(in)));
            default -> {
                if (l.kerasClass().equals("Normalization")) normalization(n, in);
                else unsupported(n, "layer class");
            }
        }
    }

    private static void unsupported(Node n, String what) {
        throw new IllegalArgumentException("layer '" + n.name() + "' (" + n.layer().kerasClass()
                + "): not supported by the ONNX converter (" + what + ")");
    }

    /** Keras 3: relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1); Keras 2: clip(0.2·x + 0.5, 0, 1). */
    private static OnnxNode hardSigmoid(Node n, String out, String in, Activation a) {
        float alpha = a.equals(HardSigmoid.KERAS2) ? 0.2f : 1f / 6f;
        return OnnxNode.of(out, "HardSigmoid", List.of(in), OnnxAttribute.of("alpha", alpha), OnnxAttribute.of("beta", 0.5f));
    }

    /**
     * A merge of same-rank inputs, broadcast like Keras (for rank 4, NCHW keeps each axis's length of
     * 1 where NHWC had it, so numpy broadcasting in ONNX gives the same result); a chain of binary
     * nodes for Add, Sub and Mul, one variadic node for Max and Min.
     */
    private void merge(Node n, Merge m) {
        String op = switch (m) {
            case Add a -> "Add";
            case Subtract s -> "Sub";
            case Multiply p -> "Mul";
            case Maximum x -> "Max";
            case Minimum x -> "Min";
            default -> null;
        };
        if (op == null) unsupported(n, "merge kind");
        int rank = graph.shapeOf(n.name()).length;
        for (String s : n.inbound()) {
            if (graph.shapeOf(s).length != rank) unsupported(n, "merge of inputs of different ranks");
        }
        if (op.equals("Max") || op.equals("Min")) {
            nodes.add(OnnxNode.of(n.name(), op, n.inbound()));
            return;
        }
        String acc = n.inbound().get(0);
        for (int i = 1; i < n.inbound().size(); i++) {
            String out = i == n.inbound().size() - 1 ? n.name() : n.name() + "/" + op.toLowerCase(java.util.Locale.ROOT) + i;
            nodes.add(OnnxNode.of(out, op, List.of(acc, n.inbound().get(i))));
            acc = out;
        }
    }

    /** {@code y = x·scale + offset}, each one value or one per channel (Rescaling); the identity parts are left out. */
    private void affine(Node n, String in, float[] scale, float[] offset) {
        String name = n.name();
        boolean mul = !allEqual(scale, 1f), add = !allEqual(offset, 0f);
        String x = in;
        if (mul) {
            String out = add ? name + "/scaled" : name;
            nodes.add(OnnxNode.of(out, "Mul", List.of(x, channelConstant(n, name + "/scale", scale))));
            x = out;
        }
        if (add) nodes.add(OnnxNode.of(name, "Add", List.of(x, channelConstant(n, name + "/offset", offset))));
        if (!mul && !add) nodes.add(OnnxNode.of(name, "Identity", List.of(x)));
    }

    /**
     * Keras's {@code Normalization} (not yet a convscope layer on this branch: it is matched by its
     * Keras class name): {@code (x − mean) / max(√variance, 1e-7)} over the last axis, Keras's
     * formula with {@code backend.epsilon()}. The layer is expected to expose its statistics through
     * methods {@code mean()} and {@code variance()} returning a {@code float[]} or a {@link Tensor}
     * with one value per channel (or one value), and, if it has them, {@code axis()} (an int or
     * int[]: the last axis only) and {@code invert()} (false only). Anything else: unsupported, with a
     * message naming the missing accessor.
     */
    private void normalization(Node n, String in) {
        Layer l = n.layer();
        float[] mean = floats(n, l, "mean"), variance = floats(n, l, "variance");
        int rank = graph.shapeOf(in).length;
        Object axis = call(l, "axis");
        if (axis != null) {
            int[] axes = axis instanceof int[] a ? a : axis instanceof Integer i ? new int[] {i} : null;
            if (axes == null || axes.length != 1 || (axes[0] != -1 && axes[0] != rank - 1)) unsupported(n, "Normalization over an axis other than the last");
        }
        if (Boolean.TRUE.equals(call(l, "invert"))) unsupported(n, "Normalization with invert=True");
        if (mean.length != variance.length) unsupported(n, "mean and variance of different lengths");
        float[] denominator = new float[variance.length];
        for (int i = 0; i < variance.length; i++) denominator[i] = Math.max((float) Math.sqrt(variance[i]), 1e-7f);
        String name = n.name();
        nodes.add(OnnxNode.of(name + "/centered", "Sub", List.of(in, channelConstant(n, name + "/mean", mean))));
        nodes.add(OnnxNode.of(name, "Div", List.of(name + "/centered", channelConstant(n, name + "/stddev", denominator))));
    }

    private static Object call(Layer l, String method) {
        try {
            Method m = l.getClass().getMethod(method);
            return m.invoke(l);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(l.kerasClass() + "." + method + "(): " + e, e);
        }
    }

    private static float[] floats(Node n, Layer l, String method) {
        Object v = call(l, method);
        if (v instanceof float[] f) return f;
        if (v instanceof Tensor t) return t.data();
        if (v instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return f;
        }
        unsupported(n, "no accessor " + method + "() returning float[], double[] or Tensor");
        return null;
    }

    /**
     * Reshape through Keras's layout: NHWC in, Keras's target shape, NHWC out; the transposes are left
     * out for rank-4 values of height and width 1, whose NCHW bytes are their NHWC bytes.
     */
    private void reshape(Node n, String in) {
        String name = n.name();
        int[] from = graph.shapeOf(in), to = graph.shapeOf(name);
        String src = in;
        if (from.length == 4 && !(from[1] == 1 && from[2] == 1)) {
            nodes.add(OnnxNode.of(name + "/nhwc_in", "Transpose", List.of(in), OnnxAttribute.ints("perm", 0, 2, 3, 1)));
            src = name + "/nhwc_in";
        }
        long[] target = new long[to.length];
        for (int i = 1; i < to.length; i++) target[i] = to[i];   // target[0] = 0: keep the batch
        if (to.length == 4 && to[1] == 1 && to[2] == 1) {
            nodes.add(OnnxNode.of(name, "Reshape", List.of(src, int64(name + "/shape", 0, to[3], 1, 1))));
        } else if (to.length == 4) {
            nodes.add(OnnxNode.of(name + "/nhwc", "Reshape", List.of(src, int64(name + "/shape", target))));
            nodes.add(OnnxNode.of(name, "Transpose", List.of(name + "/nhwc"), OnnxAttribute.ints("perm", 0, 3, 1, 2)));
        } else {
            nodes.add(OnnxNode.of(name, "Reshape", List.of(src, int64(name + "/shape", target))));
        }
    }

    /** A constant of one value or one per channel, shaped to broadcast over the channel axis of this node's input. */
    private String channelConstant(Node n, String name, float[] values) {
        if (values.length == 1) return scalar(name, values[0]);
        int rank = graph.shapeOf(n.inbound().get(0)).length;
        long[] dims = new long[Math.max(rank - 1, 1)];
        Arrays.fill(dims, 1);
        dims[0] = values.length;                   // NCHW: [C,1,1]; rank 2: [C]; rank 3 (N,L,C): unsupported below
        if (rank == 3) unsupported(n, "per-channel constants on a rank-3 value");
        return weight(name, dims, values.clone());
    }

    private String scalar(String name, float v) { return weight(name, new long[0], new float[] {v}); }

    private String int64(String name, long... values) {
        initializers.add(OnnxInitializer.int64(name, new long[] {values.length}, values));
        return name;
    }

    private static boolean allEqual(float[] a, float v) {
        for (float x : a) if (x != v) return false;
        return true;
    }

    private void batchNorm(Node n, BatchNormalization b, String in) {
        int rank = graph.shapeOf(in).length;
        if (b.axis() != -1 && b.axis() != rank - 1) unsupported(n, "axis " + b.axis() + " is not the channel axis");
        int c = b.channels();
        float[] gamma = b.gamma() != null ? b.gamma().data() : filled(c, 1f);
        float[] beta = b.beta() != null ? b.beta().data() : filled(c, 0f);
        String name = n.name();
        long[] dims = {c};
        nodes.add(OnnxNode.of(name, "BatchNormalization", List.of(in,
                        weight(name + "/gamma", dims, gamma), weight(name + "/beta", dims, beta),
                        weight(name + "/moving_mean", dims, b.movingMean().data()),
                        weight(name + "/moving_variance", dims, b.movingVariance().data())),
                OnnxAttribute.of("epsilon", b.epsilon())));
    }

    private static boolean isLinear(Activation a) { return a == null || a.name().equals("linear"); }

    /** The output of a layer's main op: the layer's name, or an inner name when an activation node follows. */
    private static String mainOutput(String layer, Activation a) { return isLinear(a) ? layer : layer + "/linear"; }

    private void activationAfter(Node n, String mainOut, Activation a, int rank) {
        if (!isLinear(a)) activationNode(n, n.name(), mainOut, a, rank);
    }

    private void activationNode(Node n, String out, String in, Activation a, int rank) {
        if (isLinear(a)) {
            nodes.add(OnnxNode.of(out, "Identity", List.of(in)));
            return;
        }
        switch (a.name()) {
            case "relu" -> {
                if (a instanceof Relu r && !r.isPlain()) {
                    if (r.threshold() != 0f) unsupported(n, "relu with a threshold");
                    if (r.maxValue() == null) {
                        nodes.add(OnnxNode.of(out, "LeakyRelu", List.of(in), OnnxAttribute.of("alpha", r.negativeSlope())));
                    } else if (r.negativeSlope() == 0f) {
                        nodes.add(OnnxNode.of(out, "Clip", List.of(in, scalar(out + "/min", 0f), scalar(out + "/max", r.maxValue()))));
                    } else {
                        unsupported(n, "relu with both max_value and negative_slope");
                    }
                } else {
                    nodes.add(OnnxNode.of(out, "Relu", List.of(in)));
                }
            }
            case "relu6" -> nodes.add(OnnxNode.of(out, "Clip", List.of(in, scalar(out + "/min", 0f), scalar(out + "/max", 6f))));
            case "silu", "swish" -> {
                nodes.add(OnnxNode.of(out + "/sigmoid", "Sigmoid", List.of(in)));
                nodes.add(OnnxNode.of(out, "Mul", List.of(in, out + "/sigmoid")));
            }
            case "hard_sigmoid" -> nodes.add(hardSigmoid(n, out, in, a));
            case "hard_silu", "hard_swish" -> {
                nodes.add(hardSigmoid(n, out + "/hard_sigmoid", in, HardSigmoid.KERAS3));
                nodes.add(OnnxNode.of(out, "Mul", List.of(in, out + "/hard_sigmoid")));
            }
            case "sigmoid" -> nodes.add(OnnxNode.of(out, "Sigmoid", List.of(in)));
            case "tanh" -> nodes.add(OnnxNode.of(out, "Tanh", List.of(in)));
            case "softmax" -> {
                if (!(a instanceof SoftmaxActivation s) || s.log() || (s.axis() != -1 && s.axis() != rank - 1)) {
                    unsupported(n, "softmax other than on the last axis");
                }
                nodes.add(OnnxNode.of(out, "Softmax", List.of(in), OnnxAttribute.of("axis", rank == 4 ? 1L : -1L)));
            }
            default -> unsupported(n, "activation " + a.name());
        }
    }

    private static OnnxNode conv(String out, String in, String weight, String bias, int[] k, int[] s, int[] d, long[] pads, int groups) {
        List<String> ins = bias == null ? List.of(in, weight) : List.of(in, weight, bias);
        return OnnxNode.of(out, "Conv", ins,
                OnnxAttribute.ints("kernel_shape", k[0], k[1]),
                OnnxAttribute.ints("strides", s[0], s[1]),
                OnnxAttribute.ints("dilations", d[0], d[1]),
                OnnxAttribute.ints("pads", pads),
                OnnxAttribute.of("group", (long) groups));
    }

    /**
     * ONNX {@code pads} {@code [top, left, bottom, right]} of a window over a Keras NHWC input: zero
     * for 'valid'; for 'same' TensorFlow's total = max((out − 1)·s + (k − 1)·d + 1 − in, 0) with
     * out = ceil(in / s), the odd row/column at the bottom/right.
     *
     * @param nhwc    the input's Keras shape
     * @param k       window {h, w}
     * @param s       strides {h, w}
     * @param d       dilation {h, w}
     * @param padding Keras's padding
     * @return the four pads
     */
    public static long[] pads(int[] nhwc, int[] k, int[] s, int[] d, Padding padding) {
        if (padding == Padding.VALID) return new long[] {0, 0, 0, 0};
        long[] p = new long[4];
        for (int axis = 0; axis < 2; axis++) {
            int in = nhwc[1 + axis];
            if (in < 0) throw new IllegalArgumentException("'same' padding needs a known input size");
            int out = (in + s[axis] - 1) / s[axis];
            int total = Math.max((out - 1) * s[axis] + (k[axis] - 1) * d[axis] + 1 - in, 0);
            p[axis] = total / 2;
            p[axis + 2] = total - total / 2;
        }
        return p;
    }

    private String bias(String layer, Tensor bias) {
        return bias == null ? null : weight(layer + "/bias", dims(bias.shape()), bias.data());
    }

    private String weight(String name, long[] dims, float[] data) {
        initializers.add(new OnnxInitializer(name, dims, data));
        return name;
    }

    private static long[] dims(int[] shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < shape.length; i++) d[i] = shape[i];
        return d;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** {@return ONNX's Conv weight shape (cout, cin, kh, kw) of a Keras kernel (kh, kw, cin, cout)} @param k the Keras kernel */
    public static long[] convKernelDims(Tensor k) { return new long[] {k.dim(3), k.dim(2), k.dim(0), k.dim(1)}; }

    /**
     * Keras {@code (kh,kw,cin,cout)} → ONNX {@code (cout,cin,kh,kw)}.
     *
     * @param k the Keras kernel
     * @return the ONNX weight's values, row-major
     */
    public static float[] convKernelData(Tensor k) {
        int kh = k.dim(0), kw = k.dim(1), ci = k.dim(2), co = k.dim(3);
        float[] src = k.data(), dst = new float[src.length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int c = 0; c < ci; c++)
                    for (int o = 0; o < co; o++)
                        dst[((o * ci + c) * kh + y) * kw + x] = src[((y * kw + x) * ci + c) * co + o];
        return dst;
    }

    /** {@return the grouped-Conv weight shape (cin·mult, 1, kh, kw) of a depthwise kernel (kh, kw, cin, mult)} @param k the Keras kernel */
    public static long[] depthwiseDims(Tensor k) { return new long[] {(long) k.dim(2) * k.dim(3), 1, k.dim(0), k.dim(1)}; }

    /**
     * Keras depthwise {@code (kh,kw,cin,mult)} → ONNX {@code (cin·mult,1,kh,kw)}: output channel
     * {@code c·mult + m} of Keras is group {@code c}'s output {@code m} in ONNX.
     *
     * @param k the Keras kernel
     * @return the ONNX weight's values, row-major
     */
    public static float[] depthwiseData(Tensor k) {
        int kh = k.dim(0), kw = k.dim(1), ci = k.dim(2), mult = k.dim(3);
        float[] src = k.data(), dst = new float[src.length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int c = 0; c < ci; c++)
                    for (int m = 0; m < mult; m++)
                        dst[((c * mult + m) * kh + y) * kw + x] = src[((y * kw + x) * ci + c) * mult + m];
        return dst;
    }
}
