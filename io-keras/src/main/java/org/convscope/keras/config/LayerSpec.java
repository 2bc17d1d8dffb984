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
 * @param calls        Keras 3 only: per application, the raw {@code {"args": [...], "kwargs": {...}}}
 *                     node, which holds an op node's constant arguments (Python numbers) in their
 *                     places; empty for older formats
 */
public record LayerSpec(String className, String name, JsonNode config, List<List<TensorRef>> inboundNodes,
                        ModelSpec nested, String module, String registeredName, List<JsonNode> calls) {
    public LayerSpec {
        inboundNodes = List.copyOf(inboundNodes.stream().map(List::copyOf).toList());
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** A layer without recorded calls (formats before Keras 3, synthesized layers). */
    public LayerSpec(String className, String name, JsonNode config, List<List<TensorRef>> inboundNodes,
                     ModelSpec nested, String module, String registeredName) {
        this(className, name, config, inboundNodes, nested, module, registeredName, List.of());
    }

    /** True for a model used as a layer. */
    public boolean isModel() { return nested != null; }

    /**
     * True for a Keras 3 <em>op node</em> ({@code x + 3.0}, {@code keras.ops.mean(x)}...), which is
     * not a layer: in {@code .keras} its module is {@code keras.src.ops.*}; in a legacy {@code .h5}
     * {@code model_config} it has no module, and its config holds only {@code name} and the op's
     * arguments, never the {@code trainable}/{@code dtype} that every layer's config has.
     */
    public boolean isOp() {
        if (module != null) return module.startsWith("keras.src.ops") || module.startsWith("keras.ops");
        return !calls.isEmpty() && nested == null && !className.equals("InputLayer") && config != null && config.isObject()
                && !config.has("trainable") && !config.has("dtype");
    }

    /** "conv2d (Conv2D)", for messages. */
    public String describe() {
        return isOp() ? "op node '" + org.convscope.keras.limits.Quote.cut(name) + "' (Keras op " + (module == null ? "" : org.convscope.keras.limits.Quote.cut(module) + ".") + org.convscope.keras.limits.Quote.cut(className) + ")"
                : "layer '" + org.convscope.keras.limits.Quote.cut(name) + "' (" + org.convscope.keras.limits.Quote.cut(className) + ")";
    }
}
