package org.convscope.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor, row-major, with TensorFlow's NHWC convention for images
 * ({@code [batch, height, width, channels]}).
 *
 * <p>The data array is exposed for speed ({@link #data()}); the engine never mutates a tensor it
 * has handed out, and callers should treat the array as read-only unless they created the tensor
 * themselves. The shape is immutable.
 *
 * <p>Threads: a tensor is not synchronised. Any number of threads may read one (for example a
 * model's weights, or an input several threads run models on) as long as nobody writes to its
 * array meanwhile; a tensor being filled by {@link #set} or through {@link #data()} belongs to one
 * thread until it is handed over (by a thread start, a future or a concurrent collection).
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * A zero-filled tensor of the given shape.
     *
     * @param shape the shape, batch first
     * @return the tensor
     */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape(shape);
        return new Tensor(s, new float[Math.toIntExact(Shapes.size(s))]);
    }

    /**
     * Wraps {@code data} (not copied) with the given shape; the sizes must agree.
     *
     * @param data the values, row-major (not copied)
     * @param shape the shape, batch first
     * @return the tensor
     */
    public static Tensor of(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = checkShape(shape);
        long n = Shapes.size(s);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.toString(s) + " holds " + n
                    + " values but the data array has " + data.length);
        }
        return new Tensor(s, data);
    }

    /**
     * A tensor holding 0, 1, 2, ... in row-major order (handy in tests and lessons).
     *
     * @param shape the shape, batch first
     * @return the tensor
     */
    public static Tensor arange(int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = i;
        return t;
    }

    /**
     * A tensor filled with {@code value}.
     *
     * @param shape the shape, batch first
     * @param value the value
     * @return the tensor
     */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    private static int[] checkShape(int[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Shapes.toString(shape));
        }
        long n = Shapes.size(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " has " + n
                    + " elements, more than a Java array can hold");
        }
        return shape.clone();
    }

    /** {@return a copy of the shape} */
    public int[] shape() { return shape.clone(); }

    /**
     * Dimension {@code axis}; negative axes count from the end like NumPy.
     *
     * @param axis the axis (negative counts from the end)
     * @return its size
     */
    public int dim(int axis) { return shape[Shapes.axis(axis, shape.length)]; }

    /**
     * Number of dimensions.
     * @return the rank
     */
    public int rank() { return shape.length; }

    /** {@return number of elements} */
    public int size() { return data.length; }

    /**
     * The backing array (row-major). Read-only by convention, see the class comment.
     *
     * @return the backing array
     */
    public float[] data() { return data; }

    /**
     * Same data, new shape with the same number of elements; one dimension may be -1.
     *
     * @param newShape the new shape
     * @return a tensor sharing this tensor's data
     */
    public Tensor reshape(int... newShape) {
        return new Tensor(Shapes.resolveReshape(shape, newShape), data);
    }

    /**
     * A deep copy.
     *
     * @return a copy with its own data
     */
    public Tensor copy() { return new Tensor(shape, data.clone()); }

    /**
     * Value at a full index.
     *
     * @param index one index per axis
     * @return the value
     */
    public float get(int... index) { return data[offset(index)]; }

    /**
     * Sets the value at a full index (only for tensors you own).
     *
     * @param index one index per axis
     * @param value the value
     */
    public void set(float value, int... index) { data[offset(index)] = value; }

    /**
     * Row-major offset of a full index, with bounds checks that name the axis.
     *
     * @param index one index per axis
     * @return the offset into {@link #data()}
     */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of shape " + Shapes.toString(shape));
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds on axis " + i
                        + " for shape " + Shapes.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /**
     * One batch item as a tensor of rank {@code rank()} with batch 1 (a copy).
     *
     * @param b the batch index
     * @return {@code [1, ...]}, a copy
     */
    public Tensor batchItem(int b) {
        if (shape.length == 0) throw new IllegalArgumentException("a scalar has no batch axis");
        if (b < 0 || b >= shape[0]) throw new IndexOutOfBoundsException("batch item " + b + " of shape " + Shapes.toString(shape));
        int per = data.length / Math.max(1, shape[0]);
        int[] s = shape.clone();
        s[0] = 1;
        return new Tensor(s, Arrays.copyOfRange(data, b * per, (b + 1) * per));
    }

    /** {@return largest absolute value (0 for an empty tensor)} */
    public float maxAbs() {
        float m = 0;
        for (float v : data) m = Math.max(m, Math.abs(v));
        return m;
    }

    /**
     * Largest absolute elementwise difference; the shapes must be equal.
     *
     * @param other a tensor of the same shape
     * @return max |this − other|
     */
    public float maxAbsDiff(Tensor other) {
        Shapes.requireSame("maxAbsDiff", shape, other.shape);
        float m = 0;
        for (int i = 0; i < data.length; i++) {
            float d = Math.abs(data[i] - other.data[i]);
            if (!(d <= m)) m = Float.isNaN(d) ? Float.NaN : d;
            if (Float.isNaN(m)) return m;
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.toString(shape)).append(" [");
        for (int i = 0; i < Math.min(8, data.length); i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[i]);
        }
        if (data.length > 8) sb.append(", ...");
        return sb.append(']').toString();
    }
}
