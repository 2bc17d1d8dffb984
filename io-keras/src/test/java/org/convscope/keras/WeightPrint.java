package org.convscope.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convscope.layers.Weight;

/**
 * What a loaded model's weights are: every weight of every layer in {@code model.layers} order, its
 * shape and a hash of its values. Two prints tell whether a mutated file loaded with the same
 * weights, with other values only, or with another shape or size (the failure the fuzz suite hunts).
 */
record WeightPrint(List<String> shapes, List<Integer> hashes) {
    static WeightPrint of(KerasModel m) {
        List<String> shapes = new ArrayList<>();
        List<Integer> hashes = new ArrayList<>();
        for (String layer : m.layerNames()) {
            for (Weight w : m.layer(layer).weights()) {
                shapes.add(Arrays.toString(w.value().shape()));
                hashes.add(Arrays.hashCode(w.value().data()));
            }
        }
        return new WeightPrint(List.copyOf(shapes), List.copyOf(hashes));
    }

    /** True when the count, a shape or a size of the weights differs. */
    boolean shapesDiffer(WeightPrint other) { return !shapes.equals(other.shapes); }

    /** True when some value differs (the shapes being equal). */
    boolean valuesDiffer(WeightPrint other) { return !hashes.equals(other.hashes); }
}
