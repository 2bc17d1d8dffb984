package org.convscope.bench.onnx;

import java.util.List;

/**
 * One operator of an ONNX graph ({@code NodeProto}) in the default domain.
 *
 * @param name       the node's name (unique in the graph)
 * @param opType     the ONNX operator, such as {@code "Conv"}
 * @param inputs     the names of its input values, in the operator's order
 * @param outputs    the names of its output values
 * @param attributes its attributes
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs, List<OnnxAttribute> attributes) {
    /** Copies the lists. */
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    /**
     * A node with one output named like the node.
     *
     * @param name       node and output name
     * @param opType     the operator
     * @param inputs     its inputs
     * @param attributes its attributes
     * @return the node
     */
    public static OnnxNode of(String name, String opType, List<String> inputs, OnnxAttribute... attributes) {
        return new OnnxNode(name, opType, inputs, List.of(name), List.of(attributes));
    }
}
