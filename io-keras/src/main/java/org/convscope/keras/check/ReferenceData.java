package org.convscope.keras.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * A reference to check a model against: the input fed to the model and what some of its layers
 * computed. Usually read from a file ({@link ReferenceFile}); tests and users can also build one in
 * memory.
 *
 * @param source where it came from (a file name), for messages
 * @param input  NHWC float32, batch first: the exact tensor fed to the model
 * @param layers by layer name, in file order
 */
public record ReferenceData(String source, Tensor input, Map<String, ReferenceLayer> layers) {
    /**
     * Checks that there is an input and copies the layers into an unmodifiable map that keeps their order.
     *
     * @throws IllegalArgumentException naming the source when {@code input} is null
     * @throws NullPointerException     if {@code layers} is null
     */
    public ReferenceData {
        if (input == null) throw new IllegalArgumentException(source + ": the reference has no input");
        layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** {@return a new mutable list of the layer names, in file order} */
    public List<String> layerNames() { return new ArrayList<>(layers.keySet()); }

    /**
     * {@return a copy with one layer replaced (in place) or added (last)}
     *
     * @param layer the reference values of a layer; its {@link ReferenceLayer#name()} is the key
     */
    public ReferenceData with(ReferenceLayer layer) {
        Map<String, ReferenceLayer> m = new LinkedHashMap<>(layers);
        m.put(layer.name(), layer);
        return new ReferenceData(source, input, m);
    }

    /**
     * {@return a copy without one layer (the same layers if it is not there)}
     *
     * @param layer the layer's name
     */
    public ReferenceData without(String layer) {
        Map<String, ReferenceLayer> m = new LinkedHashMap<>(layers);
        m.remove(layer);
        return new ReferenceData(source, input, m);
    }
}
