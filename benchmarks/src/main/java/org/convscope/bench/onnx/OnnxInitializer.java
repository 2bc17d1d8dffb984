package org.convscope.bench.onnx;

/**
 * A constant tensor of an ONNX graph ({@code TensorProto} in {@code GraphProto.initializer}), stored
 * row-major: float32 weights, or int64 values for the operators that take shapes and pads as inputs
 * (Reshape's {@code shape}, Pad's {@code pads}).
 *
 * @param name  its value name
 * @param dims  its shape
 * @param data  its float32 values, row-major (length = product of dims); null for an int64 tensor
 * @param int64 its int64 values (length = product of dims); null for a float32 tensor
 */
public record OnnxInitializer(String name, long[] dims, float[] data, long[] int64) {
    /** Checks the size; keeps the arrays as given (not copied: weights can be large). */
    public OnnxInitializer {
        long n = 1;
        for (long d : dims) n *= d;
        if ((data == null) == (int64 == null)) {
            throw new IllegalArgumentException("initializer " + name + ": exactly one of float32 and int64 values");
        }
        long have = data != null ? data.length : int64.length;
        if (n != have) {
            throw new IllegalArgumentException("initializer " + name + ": " + have + " values for " + n + " elements");
        }
    }

    /**
     * A float32 tensor.
     *
     * @param name its value name
     * @param dims its shape
     * @param data its values, row-major
     */
    public OnnxInitializer(String name, long[] dims, float[] data) { this(name, dims, data, null); }

    /**
     * {@return an int64 tensor}
     *
     * @param name   its value name
     * @param dims   its shape
     * @param values its values, row-major
     */
    public static OnnxInitializer int64(String name, long[] dims, long... values) {
        return new OnnxInitializer(name, dims, null, values);
    }

    /** {@return whether the values are int64 (else float32)} */
    public boolean isInt64() { return int64 != null; }
}
