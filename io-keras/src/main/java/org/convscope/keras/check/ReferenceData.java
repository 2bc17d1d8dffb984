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
    public ReferenceData {
        if (input == null) throw new IllegalArgumentException(source + ": the reference has no input");
        layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** Layer names in file order. */
    public List<String> layerNames() { return new ArrayList<>(layers.keySet()); }

    /** A copy with one layer replaced or added (last). */
    public ReferenceData with(ReferenceLayer layer) {
        Map<String, ReferenceLayer> m = new LinkedHashMap<>(layers);
        m.put(layer.name(), layer);
        return new ReferenceData(source, input, m);
    }

    /** A copy without one layer. */
    public ReferenceData without(String layer) {
        Map<String, ReferenceLayer> m = new LinkedHashMap<>(layers);
        m.remove(layer);
        return new ReferenceData(source, input, m);
    }
}
