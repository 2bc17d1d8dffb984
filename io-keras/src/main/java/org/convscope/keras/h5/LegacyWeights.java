package org.convscope.keras.h5;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.convscope.keras.WeightMismatchException;
import org.convscope.keras.config.LayerSpec;
import org.convscope.keras.layers.WeightSource;
import org.convscope.keras.layers.WeightSpec;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Weights in the legacy HDF5 layout that {@code model.save("x.h5")} writes (Keras 2.0 to 3):
 * a group per layer under {@code /model_weights} with a {@code weight_names} attribute, each entry
 * resolved relative to that layer group:
 * <pre>
 *   Keras 2.x:            conv2d_1/kernel:0              → /model_weights/conv2d_1/conv2d_1/kernel:0
 *   Keras 3 functional:   conv/kernel                    → /model_weights/conv/conv/kernel
 *   Keras 3 Sequential:   my_model/conv2d/kernel         → /model_weights/conv2d/my_model/conv2d/kernel
 * </pre>
 * Weights are matched to what the layer expects by their last path segment ("kernel", "bias",
 * "moving_mean"...) when those names fit, otherwise by order.
 */
public final class LegacyWeights implements WeightSource {
    private final H5File h5;
    private final String root;                 // "/model_weights" or "" for a weights-only file
    private final Set<String> fileLayers;      // layer_names
    private final Set<String> used = new HashSet<>();

    /** @param root the group holding {@code layer_names} ("/model_weights", or "" for the root) */
    public LegacyWeights(H5File h5, String root) {
        this.h5 = h5;
        this.root = root;
        List<String> names = h5.stringListAttribute(root, "layer_names").orElseThrow(() -> new WeightMismatchException(
                h5.fileName() + ": HDF5 group " + (root.isEmpty() ? "/" : root) + " has no 'layer_names' attribute, so it holds no Keras weights"));
        this.fileLayers = new LinkedHashSet<>(names);
    }

    @Override
    public List<Tensor> read(LayerSpec layer, int index, List<WeightSpec> expected) {
        String group = root + "/" + layer.name();
        if (!fileLayers.contains(layer.name()) || !h5.isGroup(group)) {
            if (expected.isEmpty()) return List.of();
            throw new WeightMismatchException(h5.fileName() + ": " + layer.describe() + " needs " + describe(expected)
                    + " but the file has no weights for it (no HDF5 group " + group + " listed in layer_names)");
        }
        used.add(layer.name());
        List<String> names = weightNames(group);
        return readMatched(layer, group, names, expected);
    }

    private List<String> weightNames(String group) {
        return h5.stringListAttribute(group, "weight_names").orElseThrow(() -> new WeightMismatchException(
                h5.fileName() + ": HDF5 group " + group + " has no 'weight_names' attribute"));
    }

    private List<Tensor> readMatched(LayerSpec layer, String group, List<String> names, List<WeightSpec> expected) {
        if (names.size() != expected.size()) {
            throw new WeightMismatchException(h5.fileName() + ": " + layer.describe() + " at HDF5 " + group + " has "
                    + names.size() + " weights " + names + " but its config implies " + expected.size() + ": " + describe(expected));
        }
        List<String> ordered = orderByName(names, expected);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            WeightSpec w = expected.get(i);
            String path = group + "/" + ordered.get(i);
            out.add(h5.readFloats(path, w.shape(), "weight '" + w.name() + "' of " + layer.describe()));
        }
        return out;
    }

    /** Puts the file's names in the expected order when their base names fit; else keeps the file's order. */
    private static List<String> orderByName(List<String> names, List<WeightSpec> expected) {
        List<String> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (WeightSpec w : expected) {
            String found = null;
            for (String n : names) {
                if (!taken.contains(n) && baseName(n).equals(w.name())) {
                    found = n;
                    break;
                }
            }
            if (found == null) return names;
            taken.add(found);
            out.add(found);
        }
        return out;
    }

    /** "model/conv2d_1/kernel:0" → "kernel". */
    static String baseName(String weightName) {
        String s = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }

    /** "model/conv2d_1/kernel:0" → "conv2d_1" (the owning layer), or "" when there is none. */
    static String ownerName(String weightName) {
        String[] parts = weightName.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    static String describe(List<WeightSpec> expected) {
        List<String> s = new ArrayList<>();
        for (WeightSpec w : expected) s.add(w.name() + " " + Shapes.toString(w.shape()));
        return s.isEmpty() ? "no weights" : String.join(", ", s);
    }

    @Override
    public WeightSource nested(LayerSpec modelLayer, int index) {
        String group = root + "/" + modelLayer.name();
        used.add(modelLayer.name());
        List<String> names = fileLayers.contains(modelLayer.name()) && h5.isGroup(group) ? weightNames(group) : List.of();
        return new Nested(group, names);
    }

    /**
     * The weights of a model used as a layer: all its inner layers' weights are listed in one
     * {@code weight_names} of the outer group (Keras 2 puts trainable ones first), so each inner
     * layer takes the entries whose owner segment is its name.
     */
    private final class Nested implements WeightSource {
        private final String group;
        private final List<String> names;
        private final Set<String> taken = new HashSet<>();

        Nested(String group, List<String> names) {
            this.group = group;
            this.names = names;
        }

        @Override
        public List<Tensor> read(LayerSpec layer, int index, List<WeightSpec> expected) {
            return select(layer, n -> ownerName(n).equals(layer.name()), expected);
        }

        private List<Tensor> select(LayerSpec layer, Predicate<String> mine, List<WeightSpec> expected) {
            List<String> own = new ArrayList<>();
            for (String n : names) if (!taken.contains(n) && mine.test(n)) own.add(n);
            taken.addAll(own);
            return readMatched(layer, group, own, expected);
        }

        @Override
        public WeightSource nested(LayerSpec modelLayer, int index) {
            // A model inside a nested model: its weights are in the same list, owned by its layers.
            Set<String> inner = new HashSet<>();
            collectNames(modelLayer, inner);
            List<String> own = new ArrayList<>();
            for (String n : names) if (!taken.contains(n) && inner.contains(ownerName(n))) own.add(n);
            taken.addAll(own);
            return new Nested(group, own);
        }

        @Override
        public void checkAllUsed() {
            List<String> left = new ArrayList<>();
            for (String n : names) if (!taken.contains(n)) left.add(n);
            if (!left.isEmpty()) {
                throw new WeightMismatchException(h5.fileName() + ": HDF5 group " + group + " holds weights " + left
                        + " that no layer of the nested model uses");
            }
        }
    }

    private static void collectNames(LayerSpec modelLayer, Set<String> out) {
        for (LayerSpec l : modelLayer.nested().layers()) {
            out.add(l.name());
            if (l.isModel()) collectNames(l, out);
        }
    }

    @Override
    public void checkAllUsed() {
        for (String name : fileLayers) {
            if (used.contains(name)) continue;
            String group = root + "/" + name;
            if (!h5.isGroup(group)) continue;
            List<String> names = weightNames(group);
            if (!names.isEmpty()) {
                throw new WeightMismatchException(h5.fileName() + ": the file holds weights " + names + " for a layer '" + name
                        + "' (HDF5 " + group + ") that the model config does not have");
            }
        }
    }
}
