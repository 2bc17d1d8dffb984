package org.convscope.bench.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX graph ({@code GraphProto}) in memory: nodes in topological order, float32 initializers,
 * inputs and outputs. {@link OnnxWriter} turns it into a model file.
 *
 * @param name         the graph's name
 * @param nodes        the operators, topologically sorted
 * @param initializers the constant tensors (weights)
 * @param inputs       the graph inputs
 * @param outputs      the graph outputs
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxInitializer> initializers,
                        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {
    /** Copies the lists. */
    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * {@return this graph with one initializer replaced by another of the same name}
     *
     * @param replacement the new tensor
     */
    public OnnxGraph withInitializer(OnnxInitializer replacement) {
        List<OnnxInitializer> list = new ArrayList<>(initializers);
        int i = 0;
        while (i < list.size() && !list.get(i).name().equals(replacement.name())) i++;
        if (i == list.size()) throw new IllegalArgumentException("no initializer named " + replacement.name());
        list.set(i, replacement);
        return new OnnxGraph(name, nodes, list, inputs, outputs);
    }

    /** {@return the initializer of that name} @param initializerName its name */
    public OnnxInitializer initializer(String initializerName) {
        return initializers.stream().filter(t -> t.name().equals(initializerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no initializer named " + initializerName));
    }
}
