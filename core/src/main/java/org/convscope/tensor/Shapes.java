package org.convscope.tensor;

import java.util.Arrays;

/** Small helpers on int[] shapes. A dimension of -1 means "unknown" (Keras's None, the batch). */
public final class Shapes {
    private Shapes() {}

    /**
     * Product of the dimensions (1 for a scalar), exact; unknown dimensions are not allowed here.
     * A shape with a 0 anywhere is empty (0) however large its other dimensions.
     *
     * @param shape the shape, batch first
     * @return the number of elements
     * @throws IllegalArgumentException naming the shape if a dimension is unknown, or if the product
     *                                  does not even fit a long (far more than a Java array can hold)
     */
    public static long size(int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("shape " + toString(shape) + " has an unknown dimension");
            if (d == 0) return 0;
        }
        long n = 1;
        for (int d : shape) {
            try {
                n = Math.multiplyExact(n, d);   // checked: a wrapped product could pass for a small size
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + toString(shape)
                        + " has more than 2^63 elements, more than a Java array can hold", e);
            }
        }
        return n;
    }

    /**
     * Normalises a NumPy-style axis (negative counts from the end).
     *
     * @param axis the axis, negative counts from the end
     * @param rank the number of dimensions
     * @return the axis in [0, rank)
     */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        return a;
    }

    /**
     * Keras-style "(None, 32, 32, 3)" with -1 printed as None.
     *
     * @param shape the shape, batch first
     * @return the text
     */
    public static String toString(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /**
     * Throws with both shapes when they differ.
     *
     * @param a one shape
     * @param b the other
     * @param what what is checked, for the error message
     */
    public static void requireSame(String what, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(what + ": shapes differ, " + toString(a) + " vs " + toString(b));
        }
    }

    /**
     * Throws unless {@code shape} has the given rank.
     *
     * @param rank the required number of dimensions
     * @param shape the shape
     * @param what what is checked, for the error message
     */
    public static void requireRank(String what, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " expects a rank-" + rank + " tensor, got shape " + toString(shape));
        }
    }

    /**
     * Resolves a reshape target that may contain one -1.
     *
     * @param from the current shape
     * @param to the target, with at most one -1
     * @return the target with its -1 resolved
     */
    public static int[] resolveReshape(int[] from, int[] to) {
        long n = size(from);
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("reshape " + toString(from) + " to " + toString(to) + ": only one -1 allowed");
                unknown = i;
            } else if (to[i] < 0) {
                throw new IllegalArgumentException("reshape to " + toString(to) + ": negative dimension");
            } else {
                known *= to[i];
            }
        }
        int[] r = to.clone();
        if (unknown >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + toString(from) + " (" + n + " values) to " + toString(to));
            }
            r[unknown] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException("cannot reshape " + toString(from) + " (" + n + " values) to " + toString(to));
        }
        return r;
    }

    /**
     * Replaces the batch dimension (index 0) by {@code batch}.
     *
     * @param batch the new batch size
     * @param shape the shape
     * @return a new array
     */
    public static int[] withBatch(int[] shape, int batch) {
        int[] s = shape.clone();
        s[0] = batch;
        return s;
    }
}
