package org.convscope.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.KerasFlavor;
import org.convscope.geometry.Padding;
import org.convscope.image.Interpolation;
import org.convscope.keras.InvalidConfigException;
import org.convscope.keras.UnsupportedLayerException;
import org.convscope.keras.config.LayerConfig;
import org.convscope.keras.config.LayerSpec;
import org.convscope.keras.limits.Quote;
import org.convscope.layers.Add;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Average;
import org.convscope.layers.AveragePooling2D;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.CenterCrop;
import org.convscope.layers.LayerNormalization;
import org.convscope.layers.LayerScale;
import org.convscope.layers.Resizing;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.ELU;
import org.convscope.layers.Flatten;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.GlobalMaxPooling2D;
import org.convscope.layers.Identity;
import org.convscope.layers.Layer;
import org.convscope.layers.LeakyReLU;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.Maximum;
import org.convscope.layers.Minimum;
import org.convscope.layers.Multiply;
import org.convscope.layers.PReLU;
import org.convscope.layers.ReLU;
import org.convscope.layers.Rescaling;
import org.convscope.layers.Reshape;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.Softmax;
import org.convscope.layers.Subtract;
import org.convscope.layers.ThresholdedReLU;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;

/**
 * Builds a core layer from a Keras class name, its config and its weights (already read and
 * shape-checked against {@link ExpectedWeights}). Code in a file is never executed: Lambda layers
 * and custom (registered) classes are refused, and every unknown class gets a message listing what
 * is supported.
 */
public final class LayerFactory {
    /** The Keras classes convscope runs (aliases included). */
    public static final Set<String> SUPPORTED = Set.copyOf(new TreeSet<>(List.of(
            "InputLayer", "Conv2D", "Convolution2D", "DepthwiseConv2D", "SeparableConv2D", "SeparableConvolution2D",
            "Conv2DTranspose", "Convolution2DTranspose", "Dense", "BatchNormalization", "Activation", "ReLU",
            "LeakyReLU", "PReLU", "ELU", "Softmax", "ThresholdedReLU", "MaxPooling2D", "MaxPool2D",
            "AveragePooling2D", "AvgPool2D", "GlobalAveragePooling2D", "GlobalAvgPool2D", "GlobalMaxPooling2D",
            "GlobalMaxPool2D", "Flatten", "Reshape", "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Rescaling",
            "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization",
            "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
            "Normalization", "LayerNormalization", "LayerScale", "Resizing", "CenterCrop",
            "Sequential", "Functional", "Model")));

    private static final Set<String> CODE_LAYERS = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");

    private final String file;
    private final KerasFlavor flavor;

    /** @param flavor Keras 2 or 3 semantics (only {@code hard_sigmoid} differs) */
    public LayerFactory(String file, KerasFlavor flavor) {
        this.file = file;
        this.flavor = flavor;
    }

    /** The supported classes, sorted, for messages. */
    public static String supportedList() { return String.join(", ", new TreeSet<>(SUPPORTED)); }

    /** Refuses Lambda, custom and unknown classes with a message naming the file, layer and choices. */
    public void checkSupported(LayerSpec layer) {
        String cls = layer.className();
        if (cls.equals("KerasLayer") || (layer.module() != null && layer.module().startsWith("tensorflow_hub"))
                || (layer.config() != null && layer.config().has("handle") && !layer.isModel())) {
            var h = layer.config() == null ? null : layer.config().get("handle");
            String handle = h == null || h.isNull() ? "(no handle recorded)" : h.isTextual() ? "'" + h.textValue() + "'" : h.toString();
            throw new UnsupportedLayerException(file + ": " + layer.describe() + " is a TensorFlow Hub KerasLayer pointing at " + handle
                    + ": its graph and weights live in that TensorFlow SavedModel, not in this file, and convscope does not run "
                    + "TensorFlow graphs. Re-save the model without it: build the same network from keras.applications (or Keras "
                    + "layers) in place of the hub layer, copy its weights over, and save with model.save(\"x.keras\").");
        }
        if (layer.isOp()) {
            throw new UnsupportedLayerException(file + ": " + layer.describe() + " is a Keras op node, not a layer; it is built by "
                    + "the op factory. Supported ops: " + OpFactory.supportedList());
        }
        if (CODE_LAYERS.contains(cls)) {
            throw new UnsupportedLayerException(file + ": " + layer.describe() + " holds Python code; convscope never executes"
                    + " code from a model file. Replace the Lambda by built-in layers and re-save the model.");
        }
        boolean custom = layer.registeredName() != null && !layer.registeredName().equals(cls)
                || layer.module() != null && !layer.module().startsWith("keras")
                || layer.module() != null && cls.equals("LayerScale") && !layer.module().equals("keras.src.applications.convnext");
        if (custom) {
            throw new UnsupportedLayerException(file + ": " + layer.describe() + " is a custom layer (module '" + Quote.cut(layer.module())
                    + "', registered_name '" + Quote.cut(layer.registeredName()) + "'); convscope never runs code from a file and only supports "
                    + "built-in Keras layers: " + supportedList());
        }
        if (!SUPPORTED.contains(cls)) {
            throw new UnsupportedLayerException(file + ": " + layer.describe() + ": layer class '" + Quote.cut(cls)
                    + "' is not supported (a custom layer, or one convscope does not implement). Supported: " + supportedList());
        }
        if (!layer.isModel()) new LayerConfig(file, layer).requireChannelsLast(); // before any weight is read
    }

    /**
     * Creates the layer.
     *
     * @param inputShapes the shapes feeding it (batch first)
     * @param weights     its weights in the order of {@link ExpectedWeights#of}
     */
    public Layer create(LayerConfig c, List<int[]> inputShapes, List<Tensor> weights) {
        LayerSpec spec = c.layer();
        checkSupported(spec);
        String name = spec.name();
        String cls = spec.className();
        try {
            return switch (cls) {
                case "Conv2D", "Convolution2D" -> {
                    conv(c);
                    yield new Conv2D(name, weights.get(0), bias(weights, 1, c), c.ints("strides", 2, 1), padding(c),
                            c.ints("dilation_rate", 2, 1), c.integer("groups", 1), activation(c));
                }
                case "DepthwiseConv2D" -> {
                    conv(c);
                    yield new DepthwiseConv2D(name, weights.get(0), bias(weights, 1, c), c.ints("strides", 2, 1), padding(c),
                            c.ints("dilation_rate", 2, 1), activation(c));
                }
                case "SeparableConv2D", "SeparableConvolution2D" -> {
                    conv(c);
                    yield new SeparableConv2D(name, weights.get(0), weights.get(1), bias(weights, 2, c), c.ints("strides", 2, 1),
                            padding(c), c.ints("dilation_rate", 2, 1), activation(c));
                }
                case "Conv2DTranspose", "Convolution2DTranspose" -> {
                    conv(c);
                    int[] outPad = c.has("output_padding") ? c.ints("output_padding", 2) : null;
                    yield new Conv2DTranspose(name, weights.get(0), bias(weights, 1, c), c.ints("strides", 2, 1), padding(c),
                            c.ints("dilation_rate", 2, 1), outPad, activation(c));
                }
                case "Dense" -> new Dense(name, weights.get(0), bias(weights, 1, c), activation(c));
                case "BatchNormalization" -> batchNorm(c, inputShapes, weights);
                case "Activation" -> new ActivationLayer(name, Activations.get(c.activation("activation"), flavor));
                case "ReLU" -> {
                    Float max = c.has("max_value") ? (float) c.number("max_value") : null;
                    yield new ReLU(name, max, (float) c.number("negative_slope", 0), (float) c.number("threshold", 0));
                }
                case "LeakyReLU" -> new LeakyReLU(name, (float) c.number("negative_slope", c.number("alpha", 0.3)));
                case "PReLU" -> new PReLU(name, weights.get(0), ExpectedWeights.sharedAxes(c));
                case "ELU" -> new ELU(name, (float) c.number("alpha", 1.0));
                case "ThresholdedReLU" -> new ThresholdedReLU(name, (float) c.number("theta", 1.0));
                case "Softmax" -> new Softmax(name, c.integer("axis", -1));
                case "MaxPooling2D", "MaxPool2D" -> {
                    c.requireChannelsLast();
                    int[] pool = c.ints("pool_size", 2, 2);
                    yield new MaxPooling2D(name, pool, c.has("strides") ? c.ints("strides", 2) : pool, padding(c));
                }
                case "AveragePooling2D", "AvgPool2D" -> {
                    c.requireChannelsLast();
                    int[] pool = c.ints("pool_size", 2, 2);
                    yield new AveragePooling2D(name, pool, c.has("strides") ? c.ints("strides", 2) : pool, padding(c));
                }
                case "GlobalAveragePooling2D", "GlobalAvgPool2D" -> {
                    c.requireChannelsLast();
                    yield new GlobalAveragePooling2D(name, c.bool("keepdims", false));
                }
                case "GlobalMaxPooling2D", "GlobalMaxPool2D" -> {
                    c.requireChannelsLast();
                    yield new GlobalMaxPooling2D(name, c.bool("keepdims", false));
                }
                case "Flatten" -> {
                    c.requireChannelsLast();
                    yield new Flatten(name);
                }
                case "Reshape" -> new Reshape(name, c.intList("target_shape"));
                case "ZeroPadding2D" -> {
                    c.requireChannelsLast();
                    int[] p = pads(c, "padding");
                    yield new ZeroPadding2D(name, p[0], p[1], p[2], p[3]);
                }
                case "Cropping2D" -> {
                    c.requireChannelsLast();
                    int[] p = pads(c, "cropping");
                    yield new Cropping2D(name, p[0], p[1], p[2], p[3]);
                }
                case "UpSampling2D" -> {
                    c.requireChannelsLast();
                    int[] s = c.ints("size", 2, 2);
                    Interpolation interp;
                    try {
                        interp = Interpolation.parse(c.string("interpolation", "nearest"));
                    } catch (IllegalArgumentException e) {
                        throw new UnsupportedLayerException(file + ": " + spec.describe() + ": " + e.getMessage());
                    }
                    yield new UpSampling2D(name, s[0], s[1], interp);
                }
                case "Rescaling" -> new Rescaling(name, c.floats("scale", 1f), c.floats("offset", 0f));
                case "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization" ->
                        new Identity(name, cls);
                case "Add" -> new Add(name);
                case "Subtract" -> new Subtract(name);
                case "Multiply" -> new Multiply(name);
                case "Average" -> new Average(name);
                case "Maximum" -> new Maximum(name);
                case "Minimum" -> new Minimum(name);
                case "Concatenate" -> new Concatenate(name, c.integer("axis", -1));
                case "Normalization" -> normalization(c, inputShapes, weights);
                case "LayerNormalization" -> layerNorm(c, inputShapes, weights);
                case "LayerScale" -> new LayerScale(name, weights.get(0));
                case "Resizing" -> resizing(c);
                case "CenterCrop" -> {
                    c.requireChannelsLast();
                    yield new CenterCrop(name, c.integer("height"), c.integer("width"));
                }
                default -> throw new UnsupportedLayerException(file + ": " + spec.describe() + ": layer class '" + cls
                        + "' is not supported. Supported: " + supportedList());
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": " + spec.describe() + ": " + e.getMessage(), e);
        }
    }

    private void conv(LayerConfig c) {
        c.requireChannelsLast();
        String p = c.string("padding", "valid");
        if (!p.equals("valid") && !p.equals("same")) {
            throw new UnsupportedLayerException(file + ": " + c.layer().describe() + " uses padding='" + p
                    + "'; convscope supports 'valid' and 'same'");
        }
    }

    private Padding padding(LayerConfig c) {
        String p = c.string("padding", "valid");
        try {
            return Padding.of(p);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLayerException(file + ": " + c.layer().describe() + " uses padding='" + p
                    + "'; convscope supports 'valid' and 'same'");
        }
    }

    private Activation activation(LayerConfig c) {
        String a = c.activation("activation");
        if (a.equals("linear")) return null;
        try {
            return Activations.get(a, flavor);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLayerException(file + ": " + c.layer().describe() + ": " + e.getMessage());
        }
    }

    private static Tensor bias(List<Tensor> weights, int index, LayerConfig c) {
        return c.bool("use_bias", true) ? weights.get(index) : null;
    }

    private Layer batchNorm(LayerConfig c, List<int[]> inputShapes, List<Tensor> w) {
        int rank = inputShapes.isEmpty() ? 0 : inputShapes.get(0).length;
        int axis = ExpectedWeights.bnAxis(c, rank);
        boolean scale = c.bool("scale", true);
        boolean center = c.bool("center", true);
        int i = 0;
        Tensor gamma = scale ? w.get(i++) : null;
        Tensor beta = center ? w.get(i++) : null;
        Tensor mean = w.get(i++);
        Tensor var = w.get(i);
        return new BatchNormalization(c.layer().name(), axis, (float) c.number("epsilon", 1e-3), gamma, beta, mean, var);
    }

    /**
     * Normalization: the statistics from the weights (an adapted layer: mean, variance, count) or
     * from the config's {@code mean}/{@code variance} (a number, or a list broadcast to the kept
     * axes from the right, as Keras does).
     */
    private Layer normalization(LayerConfig c, List<int[]> inputShapes, List<Tensor> w) {
        int[] in = inputShapes.get(0);
        int[] keep = ExpectedWeights.normalizationAxes(c, in.length);
        int[] sizes = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            sizes[i] = in[keep[i]];
            if (sizes[i] < 0) throw c.error("axis", "axes whose size the input shape tells (axis " + keep[i] + " of "
                    + org.convscope.tensor.Shapes.toString(in) + " is unknown)", c.raw("axis"));
        }
        boolean invert = c.bool("invert", false);
        if (!c.has("mean")) return new org.convscope.layers.Normalization(c.layer().name(), in.length, keep, w.get(0), w.get(1), invert, w.get(2));
        if (!c.has("variance")) throw c.error("variance", "a number or list (mean is given)", c.raw("variance"));
        return new org.convscope.layers.Normalization(c.layer().name(), in.length, keep, statistic(c, "mean", sizes),
                statistic(c, "variance", sizes), invert, null);
    }

    /** A config statistic (number or nested list) broadcast to the kept axes' sizes, aligned from the right. */
    private static Tensor statistic(LayerConfig c, String key, int[] sizes) {
        JsonNode n = c.raw(key);
        List<Integer> shape = new java.util.ArrayList<>();
        List<Float> values = new java.util.ArrayList<>();
        flatten(c, key, n, shape, values, 0);
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        if (s.length > sizes.length) throw c.error(key, "at most " + sizes.length + " dimensions (one per kept axis)", n);
        int[] padded = new int[sizes.length];
        java.util.Arrays.fill(padded, 1);
        System.arraycopy(s, 0, padded, sizes.length - s.length, s.length);
        for (int i = 0; i < sizes.length; i++) {
            if (padded[i] != 1 && padded[i] != sizes[i]) {
                throw c.error(key, "a shape that broadcasts to the kept axes' sizes " + java.util.Arrays.toString(sizes), n);
            }
        }
        float[] src = new float[values.size()];
        for (int i = 0; i < src.length; i++) src[i] = values.get(i);
        Tensor t = Tensor.of(src, padded);
        return org.convscope.tensor.Broadcast.to(t, sizes).copy();
    }

    private static void flatten(LayerConfig c, String key, JsonNode n, List<Integer> shape, List<Float> values, int depth) {
        if (n.isNumber()) {
            values.add(n.floatValue());
            return;
        }
        if (!n.isArray() || depth > 8) throw c.error(key, "a number or a (nested) list of numbers", n);
        if (shape.size() == depth) shape.add(n.size());
        else if (shape.get(depth) != n.size()) throw c.error(key, "a rectangular (nested) list of numbers", n);
        for (JsonNode e : n) flatten(c, key, e, shape, values, depth + 1);
    }

    private Layer layerNorm(LayerConfig c, List<int[]> inputShapes, List<Tensor> w) {
        int[] in = inputShapes.get(0);
        int[] raw = ExpectedWeights.layerNormRawAxes(c);
        java.util.TreeSet<Integer> axes = new java.util.TreeSet<>();
        for (int a : raw) {
            int ax = a < 0 ? a + in.length : a;
            if (ax < 1 || ax >= in.length || !axes.add(ax)) {
                throw c.error("axis", "distinct axes of the rank-" + in.length + " input other than the batch axis (0)", c.raw("axis"));
            }
        }
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        int[] sizes = new int[ax.length];
        for (int i = 0; i < ax.length; i++) sizes[i] = in[ax[i]];
        boolean rms = c.bool("rms_scaling", false);
        int i = 0;
        Tensor gamma = c.bool("scale", true) || rms ? w.get(i++) : null;
        Tensor beta = c.bool("center", true) && !rms ? w.get(i) : null;
        return new LayerNormalization(c.layer().name(), in.length, ax, sizes, (float) c.number("epsilon", 1e-3), gamma, beta, rms);
    }

    private Layer resizing(LayerConfig c) {
        c.requireChannelsLast();
        String spec = c.layer().describe();
        for (String flag : new String[] {"crop_to_aspect_ratio", "pad_to_aspect_ratio", "antialias"}) {
            if (c.bool(flag, false)) {
                throw new UnsupportedLayerException(file + ": " + spec + " uses " + flag + "=True, which convscope does not implement "
                        + "(it resizes the whole image, without antialiasing); re-save the model with " + flag + "=False, or do that "
                        + "step before feeding the model");
            }
        }
        String interp = c.string("interpolation", "bilinear");
        Interpolation method;
        try {
            method = Interpolation.parse(interp);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedLayerException(file + ": " + spec + " uses interpolation='" + interp
                    + "'; convscope supports 'bilinear' and 'nearest'");
        }
        return new Resizing(c.layer().name(), c.integer("height"), c.integer("width"), method);
    }

    /** ZeroPadding2D / Cropping2D amounts: int, [h, w] or [[top, bottom], [left, right]] → {top, bottom, left, right}. */
    private static int[] pads(LayerConfig c, String key) {
        JsonNode n = c.raw(key);
        int[] r;
        if (n != null && n.isIntegralNumber()) {
            int v = n.intValue();
            r = new int[] {v, v, v, v};
        } else if (n != null && n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber() && n.get(1).isIntegralNumber()) {
            r = new int[] {n.get(0).intValue(), n.get(0).intValue(), n.get(1).intValue(), n.get(1).intValue()};
        } else if (n != null && n.isArray() && n.size() == 2 && n.get(0).isArray() && n.get(1).isArray()
                && n.get(0).size() == 2 && n.get(1).size() == 2) {
            r = new int[] {n.get(0).get(0).asInt(-1), n.get(0).get(1).asInt(-1), n.get(1).get(0).asInt(-1), n.get(1).get(1).asInt(-1)};
        } else {
            throw c.error(key, "an integer, [h, w] or [[top, bottom], [left, right]]", n);
        }
        for (int v : r) if (v < 0) throw c.error(key, "non-negative amounts", n);
        return r;
    }
}
