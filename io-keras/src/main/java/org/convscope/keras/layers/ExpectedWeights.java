package org.convscope.keras.layers;

import java.util.ArrayList;
import java.util.List;
import org.convscope.keras.InvalidConfigException;
import org.convscope.keras.config.LayerConfig;
import org.convscope.tensor.Shapes;

/**
 * The weights each Keras layer class holds, with the shapes its config and input shape imply, in
 * Keras's storage order. Checking a file's datasets against these before reading them is what
 * keeps a damaged file from making the loader allocate absurd amounts of memory.
 */
public final class ExpectedWeights {
    private ExpectedWeights() {}

    /**
     * @param cfg         the layer's config
     * @param inputShapes the shapes feeding the layer (batch first)
     */
    public static List<WeightSpec> of(String file, LayerConfig cfg, List<int[]> inputShapes) {
        boolean trainable = cfg.bool("trainable", true);
        List<WeightSpec> w = new ArrayList<>();
        String cls = cfg.layer().className();
        int[] in = inputShapes.isEmpty() ? new int[0] : inputShapes.get(0);
        int last = in.length == 0 ? -1 : in[in.length - 1];
        switch (cls) {
            case "Conv2D", "Convolution2D" -> {
                int[] k = cfg.ints("kernel_size", 2);
                int filters = positive(file, cfg, "filters");
                int groups = cfg.integer("groups", 1);
                if (groups < 1 || (last > 0 && last % groups != 0) || filters % groups != 0) {
                    throw cfg.error("groups", "a positive divisor of the input channels (" + last + ") and of filters (" + filters + ")", groups);
                }
                w.add(new WeightSpec("kernel", new int[] {k[0], k[1], last < 0 ? -1 : last / groups, filters}, trainable));
                if (cfg.bool("use_bias", true)) w.add(new WeightSpec("bias", new int[] {filters}, trainable));
            }
            case "Conv2DTranspose", "Convolution2DTranspose" -> {
                int[] k = cfg.ints("kernel_size", 2);
                int filters = positive(file, cfg, "filters");
                w.add(new WeightSpec("kernel", new int[] {k[0], k[1], filters, last}, trainable));
                if (cfg.bool("use_bias", true)) w.add(new WeightSpec("bias", new int[] {filters}, trainable));
            }
            case "DepthwiseConv2D" -> {
                int[] k = cfg.ints("kernel_size", 2);
                int mult = cfg.integer("depth_multiplier", 1);
                w.add(new WeightSpec("depthwise_kernel", new int[] {k[0], k[1], last, mult}, trainable));
                if (cfg.bool("use_bias", true)) w.add(new WeightSpec("bias", new int[] {last < 0 ? -1 : last * mult}, trainable));
            }
            case "SeparableConv2D", "SeparableConvolution2D" -> {
                int[] k = cfg.ints("kernel_size", 2);
                int mult = cfg.integer("depth_multiplier", 1);
                int filters = positive(file, cfg, "filters");
                w.add(new WeightSpec("depthwise_kernel", new int[] {k[0], k[1], last, mult}, trainable));
                w.add(new WeightSpec("pointwise_kernel", new int[] {1, 1, last < 0 ? -1 : last * mult, filters}, trainable));
                if (cfg.bool("use_bias", true)) w.add(new WeightSpec("bias", new int[] {filters}, trainable));
            }
            case "Dense" -> {
                int units = positive(file, cfg, "units");
                w.add(new WeightSpec("kernel", new int[] {last, units}, trainable));
                if (cfg.bool("use_bias", true)) w.add(new WeightSpec("bias", new int[] {units}, trainable));
            }
            case "BatchNormalization" -> {
                int axis = bnAxis(cfg, in.length);
                int c = in.length == 0 ? -1 : in[axis];
                if (cfg.bool("scale", true)) w.add(new WeightSpec("gamma", new int[] {c}, trainable));
                if (cfg.bool("center", true)) w.add(new WeightSpec("beta", new int[] {c}, trainable));
                w.add(new WeightSpec("moving_mean", new int[] {c}, false));
                w.add(new WeightSpec("moving_variance", new int[] {c}, false));
            }
            case "PReLU" -> w.add(new WeightSpec("alpha", preluShape(cfg, in), trainable));
            case "Normalization" -> {
                if (!cfg.has("mean")) { // adapted: the statistics are weights (Keras: mean, variance, count)
                    int[] keep = normalizationAxes(cfg, in.length);
                    int[] sizes = new int[keep.length];
                    for (int i = 0; i < keep.length; i++) sizes[i] = in[keep[i]];
                    w.add(new WeightSpec("mean", sizes, false));
                    w.add(new WeightSpec("variance", sizes, false));
                    w.add(new WeightSpec("count", new int[0], false));
                }
            }
            case "LayerNormalization" -> {
                int[] sizes = layerNormWeightShape(cfg, in);
                boolean rms = cfg.bool("rms_scaling", false);
                if (cfg.bool("scale", true) || rms) w.add(new WeightSpec("gamma", sizes, trainable));
                if (cfg.bool("center", true) && !rms) w.add(new WeightSpec("beta", sizes, trainable));
            }
            case "LayerScale" -> w.add(new WeightSpec("gamma", new int[] {cfg.has("projection_dim") ? cfg.integer("projection_dim") : last}, trainable));
            default -> { }
        }
        return w;
    }

    /** BatchNormalization's axis, normalised for an input of the given rank (Keras 2 may store [3]). */
    public static int bnAxis(LayerConfig cfg, int rank) {
        var n = cfg.raw("axis");
        int axis;
        if (n == null || n.isNull()) axis = -1;
        else if (n.isIntegralNumber()) axis = n.intValue();
        else if (n.isArray() && n.size() == 1 && n.get(0).isIntegralNumber()) axis = n.get(0).intValue();
        else throw cfg.error("axis", "one integer axis", n);
        if (rank == 0) return 0;
        try {
            return Shapes.axis(axis, rank);
        } catch (IllegalArgumentException e) {
            throw cfg.error("axis", "an axis of the rank-" + rank + " input", n);
        }
    }

    /**
     * Normalization's kept axes for an input of this rank: Keras's {@code axis} (an int, a list, or
     * null for none), made non-negative and sorted; the batch axis cannot be kept.
     */
    public static int[] normalizationAxes(LayerConfig cfg, int rank) {
        var n = cfg.raw("axis");
        int[] raw;
        if (n == null || n.isNull()) raw = new int[0];
        else if (n.isIntegralNumber()) raw = new int[] {n.intValue()};
        else raw = cfg.intList("axis");
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>();
        for (int a : raw) {
            int ax = a < 0 ? a + rank : a;
            if (ax < 1 || ax >= rank || !keep.add(ax)) {
                throw cfg.error("axis", "distinct axes of the rank-" + rank + " input other than the batch axis (0)", n);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * LayerNormalization's axes, as Keras keeps them: the config's axes sorted as written (negative
     * ones first), which is the order of gamma's and beta's dimensions.
     */
    public static int[] layerNormRawAxes(LayerConfig cfg) {
        var n = cfg.raw("axis");
        int[] raw;
        if (n == null || n.isNull()) raw = new int[] {-1};
        else if (n.isIntegralNumber()) raw = new int[] {n.intValue()};
        else raw = cfg.intList("axis");
        if (raw.length == 0) throw cfg.error("axis", "one or more axes", n);
        int[] sorted = raw.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** gamma's and beta's shape: the input's sizes along the axes in Keras's sorted order. */
    public static int[] layerNormWeightShape(LayerConfig cfg, int[] in) {
        int[] raw = layerNormRawAxes(cfg);
        int[] s = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int ax = raw[i] < 0 ? raw[i] + in.length : raw[i];
            if (ax < 1 || ax >= in.length) throw cfg.error("axis", "axes of the rank-" + in.length + " input other than the batch axis (0)", cfg.raw("axis"));
            s[i] = in[ax];
        }
        return s;
    }

    /** PReLU's alpha: the input shape without batch, 1 on the shared axes (1-based, as Keras numbers them). */
    public static int[] preluShape(LayerConfig cfg, int[] in) {
        if (in.length < 2) throw cfg.error("input", "a tensor of rank 2 or more", Shapes.toString(in));
        int[] s = new int[in.length - 1];
        System.arraycopy(in, 1, s, 0, s.length);
        for (int a : sharedAxes(cfg)) {
            if (a < 1 || a > s.length) throw cfg.error("shared_axes", "axes between 1 and " + s.length, cfg.raw("shared_axes"));
            s[a - 1] = 1;
        }
        return s;
    }

    /** PReLU's shared_axes (empty when null). */
    public static int[] sharedAxes(LayerConfig cfg) {
        var n = cfg.raw("shared_axes");
        if (n == null || n.isNull()) return new int[0];
        if (n.isIntegralNumber()) return new int[] {n.intValue()};
        return cfg.intList("shared_axes");
    }

    private static int positive(String file, LayerConfig cfg, String key) {
        int v = cfg.integer(key);
        if (v <= 0) throw new InvalidConfigException(file + ": " + cfg.layer().describe() + ": config '" + key + "' should be positive, found " + v);
        return v;
    }
}
