package org.convscope.bench.onnx;

/**
 * One attribute of an ONNX node ({@code AttributeProto}): an int, a float, or a list of ints. The
 * {@code kind} is ONNX's {@code AttributeType} (FLOAT = 1, INT = 2, INTS = 7).
 *
 * @param name  the attribute's name, such as {@code "kernel_shape"}
 * @param kind  {@link #FLOAT}, {@link #INT} or {@link #INTS}
 * @param f     the value of a FLOAT attribute
 * @param i     the value of an INT attribute
 * @param ints  the values of an INTS attribute (empty otherwise)
 */
public record OnnxAttribute(String name, int kind, float f, long i, long[] ints) {
    /** ONNX's AttributeType.FLOAT. */
    public static final int FLOAT = 1;
    /** ONNX's AttributeType.INT. */
    public static final int INT = 2;
    /** ONNX's AttributeType.INTS. */
    public static final int INTS = 7;

    /** Copies the list. */
    public OnnxAttribute {
        ints = ints.clone();
    }

    /** {@return an INT attribute} @param name its name @param value its value */
    public static OnnxAttribute of(String name, long value) { return new OnnxAttribute(name, INT, 0f, value, new long[0]); }

    /** {@return a FLOAT attribute} @param name its name @param value its value */
    public static OnnxAttribute of(String name, float value) { return new OnnxAttribute(name, FLOAT, value, 0, new long[0]); }

    /** {@return an INTS attribute} @param name its name @param values its values */
    public static OnnxAttribute ints(String name, long... values) { return new OnnxAttribute(name, INTS, 0f, 0, values); }

    @Override public long[] ints() { return ints.clone(); }
}
