package org.convscope.bench.onnx;

/**
 * A constant float32 tensor of an ONNX graph ({@code TensorProto} in {@code GraphProto.initializer}),
 * stored row-major.
 *
 * @param name its value name
 * @param dims its shape
 * @param data its values, row-major; length = product of dims
 */
public record OnnxInitializer(String name, long[] dims, float[] data) {
    /** Checks the size; keeps the arrays as given (not copied: weights can be large). */
    public OnnxInitializer {
        long n = 1;
        for (long d : dims) n *= d;
        if (n != data.length) {
            throw new IllegalArgumentException("initializer " + name + ": " + data.length + " values for " + n + " elements");
        }
    }
}
