package org.convscope.bench.onnx;

/**
 * A graph input or output ({@code ValueInfoProto}): a float32 tensor of this shape, where a negative
 * dimension is the symbolic batch {@code "N"}.
 *
 * @param name the value's name
 * @param dims its shape; -1 for the batch
 */
public record OnnxValueInfo(String name, long[] dims) {
    /** Copies the shape. */
    public OnnxValueInfo {
        dims = dims.clone();
    }

    @Override public long[] dims() { return dims.clone(); }
}
