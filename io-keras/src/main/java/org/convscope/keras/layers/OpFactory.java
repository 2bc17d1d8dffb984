package org.convscope.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.Elu;
import org.convscope.activation.KerasFlavor;
import org.convscope.activation.LeakyRelu;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.activation.UnaryMath;
import org.convscope.keras.InvalidConfigException;
import org.convscope.keras.UnsupportedLayerException;
import org.convscope.keras.config.LayerSpec;
import org.convscope.layers.Add;
import org.convscope.layers.BinaryOp;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Layer;
import org.convscope.layers.Maximum;
import org.convscope.layers.Minimum;
import org.convscope.layers.Multiply;
import org.convscope.layers.OpLayer;
import org.convscope.layers.OpReshape;
import org.convscope.layers.Reduce;
import org.convscope.layers.Subtract;
import org.convscope.layers.Transpose;

/**
 * Builds the core layer of a Keras 3 <em>op node</em>: a {@code keras.ops} call written on tensors
 * in a functional model ({@code x + 3.0}, {@code ops.mean(x, axis=[1, 2], keepdims=True)},
 * {@code ops.relu6(x)}), recorded in the config as a "layer" whose module is
 * {@code keras.src.ops.numpy} / {@code keras.src.ops.nn} (no module in a legacy {@code .h5}). Its
 * tensor and constant arguments are in the node's {@code args}, in call order; its other arguments
 * (axes, bounds, shapes) in its config. An op convscope does not implement is refused with a message
 * naming it as an op node with its module, function and constant arguments.
 */
public final class OpFactory {
    /** Arithmetic ops: a tensor with a constant on either side, or two tensors (broadcast like NumPy). */
    private static final Set<String> BINARY = Set.of("Add", "Subtract", "Multiply", "Divide", "TrueDivide", "Maximum", "Minimum", "Power");
    /** Every op class convscope runs. */
    public static final Set<String> SUPPORTED = Set.copyOf(new TreeSet<>(List.of(
            "Add", "Subtract", "Multiply", "Divide", "TrueDivide", "Maximum", "Minimum", "Power",
            "Negative", "Absolute", "Abs", "Square", "Sqrt", "Exp", "Log", "Reciprocal", "Clip", "Tanh",
            "Relu", "Relu6", "Sigmoid", "Softplus", "Softsign", "Silu", "Swish", "HardSigmoid", "HardSilu", "HardSwish",
            "Elu", "Selu", "Gelu", "LeakyRelu", "Softmax", "LogSoftmax",
            "Mean", "Max", "Amax", "Min", "Amin", "Sum",
            "Reshape", "Squeeze", "ExpandDims", "Transpose", "Concatenate", "Cast")));

    private final String file;

    /** @param file the file name used in messages */
    public OpFactory(String file) { this.file = file; }

    /** The supported op classes, sorted, for messages. */
    public static String supportedList() { return String.join(", ", new TreeSet<>(SUPPORTED)); }

    /**
     * The layer computing op node {@code op}'s {@code node}-th call.
     *
     * @param op          the op node
     * @param node        which call (almost always 0)
     * @param inputShapes the shapes of its tensor arguments, in call order
     * @return the layer; its inputs are the tensor arguments in call order
     */
    public Layer create(LayerSpec op, int node, List<int[]> inputShapes) {
        String cls = op.className();
        List<Arg> args = args(op, node);
        JsonNode cfg = op.config();
        String name = GraphAssembler.nodeName(op.name(), node);
        int tensors = inputShapes.size();
        try {
            if (BINARY.contains(cls)) return binary(op, name, args, inputShapes);
            if (tensors != 1 && !cls.equals("Concatenate")) throw unsupported(op, node, "it takes " + tensors + " tensors here");
            Activation act = switch (cls) {
                case "Negative" -> UnaryMath.of(UnaryMath.Function.NEGATIVE);
                case "Absolute", "Abs" -> UnaryMath.of(UnaryMath.Function.ABSOLUTE);
                case "Square" -> UnaryMath.of(UnaryMath.Function.SQUARE);
                case "Sqrt" -> UnaryMath.of(UnaryMath.Function.SQRT);
                case "Exp" -> UnaryMath.of(UnaryMath.Function.EXP);
                case "Log" -> UnaryMath.of(UnaryMath.Function.LOG);
                case "Reciprocal" -> UnaryMath.of(UnaryMath.Function.RECIPROCAL);
                case "Clip" -> UnaryMath.clip((float) number(op, cfg, "x_min", args, 1), (float) number(op, cfg, "x_max", args, 2));
                case "Tanh" -> Activations.get("tanh");
                case "Relu" -> Activations.get("relu");
                case "Relu6" -> Activations.get("relu6");
                case "Sigmoid" -> Activations.get("sigmoid");
                case "Softplus" -> Activations.get("softplus");
                case "Softsign" -> Activations.get("softsign");
                case "Silu", "Swish" -> Activations.get("silu");
                case "HardSigmoid" -> Activations.get("hard_sigmoid", KerasFlavor.KERAS3);
                case "HardSilu", "HardSwish" -> Activations.get("hard_silu");
                case "Selu" -> Activations.get("selu");
                case "Elu" -> new Elu((float) optNumber(cfg, "alpha", 1.0));
                case "LeakyRelu" -> new LeakyRelu((float) optNumber(cfg, "negative_slope", 0.2));
                // keras.ops.gelu's default is the tanh approximation (the Gelu *activation* defaults to exact)
                case "Gelu" -> Activations.get(cfg.path("approximate").asBoolean(true) ? "gelu_approximate" : "gelu");
                case "Cast" -> {
                    String dtype = cfg.path("dtype").asText("");
                    if (!dtype.equals("float32")) throw unsupported(op, node, "a cast to '" + dtype + "' (only float32, a no-op here, is run)");
                    yield Activations.get("linear");
                }
                case "Softmax" -> new SoftmaxActivation(axisOr(cfg, "axis", -1), false);
                case "LogSoftmax" -> new SoftmaxActivation(axisOr(cfg, "axis", -1), true);
                default -> null;
            };
            if (act != null) return new OpLayer(name, cls, op.module(), act);
            return switch (cls) {
                case "Mean" -> reduce(name, cls, Reduce.Kind.MEAN, cfg, false);
                case "Sum" -> reduce(name, cls, Reduce.Kind.SUM, cfg, false);
                case "Max", "Amax" -> reduce(name, cls, Reduce.Kind.MAX, cfg, true);
                case "Min", "Amin" -> reduce(name, cls, Reduce.Kind.MIN, cfg, true);
                case "Reshape" -> new OpReshape(name, OpReshape.Kind.RESHAPE, ints(op, cfg, "newshape", false));
                case "Squeeze" -> new OpReshape(name, OpReshape.Kind.SQUEEZE, ints(op, cfg, "axis", true));
                case "ExpandDims" -> new OpReshape(name, OpReshape.Kind.EXPAND_DIMS, ints(op, cfg, "axis", false));
                case "Transpose" -> new Transpose(name, ints(op, cfg, "axes", true));
                case "Concatenate" -> new Concatenate(name, axisOr(cfg, "axis", 0));
                default -> throw unsupported(op, node, null);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": " + op.describe() + ": " + e.getMessage(), e);
        }
    }

    /** {@code x ⊕ c}, {@code c ⊕ x} or {@code x ⊕ y}. */
    private Layer binary(LayerSpec op, String name, List<Arg> args, List<int[]> shapes) {
        ScalarArithmetic.Op kind = switch (op.className()) {
            case "Add" -> ScalarArithmetic.Op.ADD;
            case "Subtract" -> ScalarArithmetic.Op.SUBTRACT;
            case "Multiply" -> ScalarArithmetic.Op.MULTIPLY;
            case "Divide", "TrueDivide" -> ScalarArithmetic.Op.DIVIDE;
            case "Maximum" -> ScalarArithmetic.Op.MAXIMUM;
            case "Minimum" -> ScalarArithmetic.Op.MINIMUM;
            default -> ScalarArithmetic.Op.POWER;
        };
        if (args.size() != 2) throw unsupported(op, 0, "it has " + args.size() + " positional arguments, expected 2");
        Arg a = args.get(0), b = args.get(1);
        if (a.tensor() && b.tensor()) {
            int[] sa = shapes.get(0), sb = shapes.get(1);
            if (sa.length == sb.length) { // same rank: Keras's merge rule equals NumPy's, and the merge layers have gradients
                switch (kind) {
                    case ADD -> { return new Add(name); }
                    case SUBTRACT -> { return new Subtract(name); }
                    case MULTIPLY -> { return new Multiply(name); }
                    case MAXIMUM -> { return new Maximum(name); }
                    case MINIMUM -> { return new Minimum(name); }
                    default -> { }
                }
            }
            return new BinaryOp(name, op.className(), kind);
        }
        if (a.tensor() != b.tensor() && (a.number() || b.number())) {
            double c = a.tensor() ? b.value() : a.value();
            return new OpLayer(name, op.className(), op.module(), new ScalarArithmetic(kind, (float) c, !a.tensor()));
        }
        throw unsupported(op, 0, "its arguments are not a tensor and a number, or two tensors");
    }

    private Reduce reduce(String name, String cls, Reduce.Kind kind, JsonNode cfg, boolean maxMin) {
        JsonNode ax = cfg.get("axis");
        int[] axes;
        if (ax == null || ax.isNull()) axes = null;
        else if (ax.isIntegralNumber()) axes = new int[] {ax.intValue()};
        else axes = intArray(ax, "axis");
        Float initial = null;
        if (maxMin && cfg.hasNonNull("initial")) {
            if (!cfg.get("initial").isNumber()) throw new IllegalArgumentException("config 'initial' should be a number, found " + cfg.get("initial"));
            initial = cfg.get("initial").floatValue();
        }
        return new Reduce(name, cls, kind, axes, cfg.path("keepdims").asBoolean(false), initial);
    }

    private static int axisOr(JsonNode cfg, String key, int dflt) {
        JsonNode n = cfg.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isIntegralNumber()) throw new IllegalArgumentException("config '" + key + "' should be one integer axis, found " + n);
        return n.intValue();
    }

    private static double optNumber(JsonNode cfg, String key, double dflt) {
        JsonNode n = cfg.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) throw new IllegalArgumentException("config '" + key + "' should be a number, found " + n);
        return n.doubleValue();
    }

    /** A number from the config, or from the call's positional argument {@code pos}. */
    private double number(LayerSpec op, JsonNode cfg, String key, List<Arg> args, int pos) {
        JsonNode n = cfg.get(key);
        if (n != null && n.isNumber()) return n.doubleValue();
        if (pos < args.size() && args.get(pos).number()) return args.get(pos).value();
        throw new InvalidConfigException(file + ": " + op.describe() + ": config '" + key + "' should be a number, found " + n);
    }

    /** An int or a list of ints from the config; null allowed when {@code nullable}. */
    private int[] ints(LayerSpec op, JsonNode cfg, String key, boolean nullable) {
        JsonNode n = cfg.get(key);
        if (n == null || n.isNull()) {
            if (nullable) return null;
            throw new InvalidConfigException(file + ": " + op.describe() + ": config '" + key + "' is required");
        }
        if (n.isIntegralNumber()) return new int[] {n.intValue()};
        return intArray(n, key);
    }

    private static int[] intArray(JsonNode n, String key) {
        if (!n.isArray()) throw new IllegalArgumentException("config '" + key + "' should be an integer or a list of integers, found " + n);
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode e = n.get(i);
            if (e.isNull()) r[i] = -1;
            else if (e.isIntegralNumber() && e.canConvertToInt()) r[i] = e.intValue();
            else throw new IllegalArgumentException("config '" + key + "' should be a list of integers, found " + n);
        }
        return r;
    }

    /** One positional argument of an op call: a tensor (by producer), a number, or anything else (raw). */
    record Arg(String producer, Double num, JsonNode raw) {
        boolean tensor() { return producer != null; }
        boolean number() { return num != null; }
        double value() { return num; }
        @Override public String toString() {
            if (producer != null) return "tensor(" + producer + ")";
            if (num != null) return raw.toString();
            return String.valueOf(raw);
        }
    }

    /** The positional arguments of call {@code node}; a list of tensors (concatenate's) is one argument per tensor. */
    List<Arg> args(LayerSpec op, int node) {
        List<Arg> out = new ArrayList<>();
        if (node >= op.calls().size()) {
            for (var r : op.inboundNodes().get(node)) out.add(new Arg(r.layer(), null, null));
            return out;
        }
        JsonNode a = op.calls().get(node).get("args");
        if (a != null && a.isArray()) for (JsonNode e : a) collect(e, out, 0);
        return out;
    }

    private static void collect(JsonNode e, List<Arg> out, int depth) {
        if (e.isObject() && "__keras_tensor__".equals(e.path("class_name").asText(null))) {
            JsonNode h = e.path("config").path("keras_history");
            out.add(new Arg(h.path(0).asText("?"), null, e));
        } else if (e.isArray() && depth < 4) {
            for (JsonNode x : e) collect(x, out, depth + 1);
        } else if (e.isNumber()) {
            out.add(new Arg(null, e.doubleValue(), e));
        } else {
            out.add(new Arg(null, null, e));
        }
    }

    /** The refusal of an op convscope does not run (or a call form it does not know). */
    UnsupportedLayerException unsupported(LayerSpec op, int node, String why) {
        String cfg = op.config() == null ? "{}" : op.config().toString();
        if (cfg.length() > 300) cfg = cfg.substring(0, 300) + "...";
        String module = op.module() == null ? "keras.src.ops (module not recorded in this file)" : op.module();
        return new UnsupportedLayerException(file + ": Keras op node '" + op.name() + "' = " + module + "." + op.className()
                + " with arguments " + args(op, node) + " and config " + cfg + ": "
                + (why == null ? "convscope does not implement this op" : "convscope does not support this form: " + why)
                + ". A Keras 3 model records keras.ops calls written on tensors (x + 3.0, ops.mean(x)) as op nodes; "
                + "supported ops: " + supportedList()
                + ". Rewrite it with built-in layers (or supported ops) and re-save the model.");
    }
}
