package org.convscope.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One layer of a model configuration, format-independent: its Keras class, name, raw config, and
 * for each application of the layer (each "inbound node") the tensors feeding it.
 *
 * @param inboundNodes one list of input tensors per application; empty for an InputLayer
 * @param nested       the inner model when this layer is itself a Sequential/Functional model, else null
 * @param module       Keras 3's {@code module} ("keras.layers"), or null
 * @param registeredName Keras 3's {@code registered_name}, or null
 */
public record LayerSpec(String className, String name, JsonNode config, List<List<TensorRef>> inboundNodes,
                        ModelSpec nested, String module, String registeredName) {
    public LayerSpec {
        inboundNodes = List.copyOf(inboundNodes.stream().map(List::copyOf).toList());
    }

    /** True for a model used as a layer. */
    public boolean isModel() { return nested != null; }

    /** "conv2d (Conv2D)", for messages. */
    public String describe() {
        return "layer '" + org.convscope.keras.limits.Quote.cut(name) + "' (" + org.convscope.keras.limits.Quote.cut(className) + ")";
    }
}
