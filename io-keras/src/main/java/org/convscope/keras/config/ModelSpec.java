package org.convscope.keras.config;

import java.util.List;

/**
 * A parsed Keras model configuration, the same for every file format and Keras version.
 *
 * @param className  "Sequential", "Functional" or "Model"
 * @param layers     every layer in {@code model.layers} order; for a Sequential model the first one is
 *                   its InputLayer (synthesized from {@code batch_input_shape} when the file has none)
 * @param sequential true for a Sequential model (its InputLayer is not part of {@code model.layers})
 * @param inputs     the model inputs
 * @param outputs    the model outputs
 */
public record ModelSpec(String name, String className, List<LayerSpec> layers, boolean sequential,
                        List<TensorRef> inputs, List<TensorRef> outputs) {
    public ModelSpec {
        layers = List.copyOf(layers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * The layers Keras lists in {@code model.layers}: a Sequential model hides its InputLayer, and
     * Keras 3 op nodes ({@link LayerSpec#isOp()}) are operations, not layers.
     */
    public List<LayerSpec> modelLayers() {
        List<LayerSpec> all = sequential && !layers.isEmpty() && layers.get(0).className().equals("InputLayer")
                ? layers.subList(1, layers.size()) : layers;
        return all.stream().noneMatch(LayerSpec::isOp) ? all : all.stream().filter(l -> !l.isOp()).toList();
    }

    /**
     * What Keras's {@code summary()} lists: {@link #modelLayers()} plus, in a functional model, the
     * Keras 3 op nodes in their place (Keras prints a functional model's operations).
     *
     * @return the layers and op nodes in config order
     */
    public List<LayerSpec> summaryLayers() {
        return sequential && !layers.isEmpty() && layers.get(0).className().equals("InputLayer")
                ? layers.subList(1, layers.size()) : layers;
    }
}
