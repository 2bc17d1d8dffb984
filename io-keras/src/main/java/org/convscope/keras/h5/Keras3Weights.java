package org.convscope.keras.h5;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.keras.WeightMismatchException;
import org.convscope.keras.config.LayerSpec;
import org.convscope.keras.config.ModelSpec;
import org.convscope.keras.layers.WeightSource;
import org.convscope.keras.layers.WeightSpec;
import org.convscope.tensor.Tensor;

/**
 * Weights in Keras 3's layout ({@code model.weights.h5} inside a {@code .keras} zip, and
 * {@code .weights.h5}): {@code /layers/<key>/vars/<i>}. The key is not the layer name but the
 * snake_case class name, made unique with {@code _1}, {@code _2}... in {@code model.layers} order
 * (a Sequential model's hidden InputLayer takes no key); the {@code vars} group carries the real
 * layer name in its {@code name} attribute, which is preferred when present. Variables are numbered
 * 0..n-1 and read in numeric order (0, 1, 2, ..., 10), not lexicographic. A nested model's layers are
 * under {@code /layers/<key>/layers/...}.
 */
public final class Keras3Weights implements WeightSource {
    private final H5File h5;
    private final String base;                  // "/layers" or "/layers/<key>/layers"
    private final List<String> computedKeys;    // per model.layers index
    private final Map<String, String> keyByName = new HashMap<>();
    private final Set<String> usedKeys = new HashSet<>();

    public Keras3Weights(H5File h5, ModelSpec model) {
        this(h5, "/layers", model);
    }

    private Keras3Weights(H5File h5, String base, ModelSpec model) {
        this.h5 = h5;
        this.base = base;
        this.computedKeys = keys(model.modelLayers());
        if (h5.isGroup(base)) {
            for (String key : h5.childNames(base)) {
                String vars = base + "/" + key + "/vars";
                if (!h5.isGroup(vars)) continue;
                h5.stringAttribute(vars, "name").ifPresent(n -> keyByName.putIfAbsent(n, key));
            }
        }
    }

    /** Keras's {@code to_snake_case}: "ReLU" → "re_lu", "UpSampling2D" → "up_sampling2d". */
    public static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** The store keys of the layers, in order: snake_case(class) then _1, _2 for repeats. */
    public static List<String> keys(List<LayerSpec> layers) {
        Map<String, Integer> count = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (LayerSpec l : layers) {
            String k = snakeCase(l.className());
            int n = count.merge(k, 1, Integer::sum);
            out.add(n == 1 ? k : k + "_" + (n - 1));
        }
        return out;
    }

    private String keyOf(LayerSpec layer, int index) {
        String byName = keyByName.get(layer.name());
        if (byName != null) return byName;
        if (index < 0 || index >= computedKeys.size()) {
            throw new IllegalStateException("layer index " + index + " out of range");
        }
        return computedKeys.get(index);
    }

    @Override
    public List<Tensor> read(LayerSpec layer, int index, List<WeightSpec> expected) {
        String key = keyOf(layer, index);
        usedKeys.add(key);
        String vars = base + "/" + key + "/vars";
        List<String> children = h5.isGroup(vars) ? h5.childNames(vars) : List.of();
        if (children.size() != expected.size()) {
            throw new WeightMismatchException(h5.fileName() + ": " + layer.describe() + " at HDF5 " + vars + " has "
                    + children.size() + " variables " + children + " but its config implies " + expected.size() + ": "
                    + LegacyWeights.describe(expected));
        }
        for (int i = 0; i < children.size(); i++) {
            if (!children.contains(Integer.toString(i))) {
                throw new WeightMismatchException(h5.fileName() + ": " + layer.describe() + ": HDF5 " + vars
                        + " should hold variables named 0.." + (children.size() - 1) + ", found " + children);
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            WeightSpec w = expected.get(i);
            out.add(h5.readFloats(vars + "/" + i, w.shape(), "weight '" + w.name() + "' of " + layer.describe()));
        }
        return out;
    }

    @Override
    public WeightSource nested(LayerSpec modelLayer, int index) {
        String key = keyOf(modelLayer, index);
        usedKeys.add(key);
        return new Keras3Weights(h5, base + "/" + key + "/layers", modelLayer.nested());
    }

    @Override
    public void checkAllUsed() {
        if (!h5.isGroup(base)) return;
        for (String key : h5.childNames(base)) {
            if (usedKeys.contains(key)) continue;
            String vars = base + "/" + key + "/vars";
            if (h5.isGroup(vars) && !h5.childNames(vars).isEmpty()) {
                String name = h5.stringAttribute(vars, "name").orElse("?");
                throw new WeightMismatchException(h5.fileName() + ": HDF5 " + vars + " holds weights for a layer '" + name
                        + "' that the model config does not have");
            }
        }
    }
}
