package org.convscope.tensor;

import java.util.List;

/**
 * Broadcasting as Keras's elementwise merge layers (Add, Multiply, …) do it, and the stride walk
 * that applies it without copying.
 *
 * <h2>The rule</h2>
 * The batch axis (axis 0) stays first. The other axes are aligned from the end, as in NumPy; an
 * input of lower rank gets axes of length 1 inserted right after its batch axis (Keras expands
 * such inputs at axis 1 until the ranks agree). Per aligned axis, with sizes {@code a} and
 * {@code b}:
 * <pre>
 *   a == b            → a
 *   a == 1            → b        (a length-1 axis is repeated along the other)
 *   b == 1            → a
 *   a unknown, b &gt; 1  → b        (at run time a is 1 or b; either way the result is b)
 *   b unknown, a &gt; 1  → a
 *   otherwise         → error    (two different known sizes, neither 1)
 * </pre>
 * An unknown size (-1, Keras's None) against 1 or against another unknown stays unknown.
 * For example {@code (None, 7, 7, 64)} and {@code (None, 1, 1, 64)} give {@code (None, 7, 7, 64)}
 * (a squeeze-and-excitation scale), and {@code (None, 7, 7, 64)} with {@code (None, 64)} also
 * gives {@code (None, 7, 7, 64)}: the second is read as {@code (None, 1, 1, 64)}.
 *
 * <h2>Stride walking</h2>
 * An input seen in the output's shape has stride 0 along every broadcast axis: stepping along that
 * axis of the output re-reads the same input value. {@link #strides} gives those strides and
 * {@link #forEachRow} walks the output one innermost row at a time, so that callers run a tight
 * loop over the last axis (input stride 1, or 0 when the last axis itself is broadcast).
 */
public final class Broadcast {
    private Broadcast() {}

    /** What to do with one innermost row of the output (see {@link #forEachRow}). */
    @FunctionalInterface
    public interface RowAction {
        /**
         * Handles the row that starts at {@code outOffset} in the output.
         *
         * @param outOffset the flat index of the row's first element in the output
         * @param inOffset  the flat index of the matching element in the input
         */
        void row(int outOffset, int inOffset);
    }

    /**
     * The broadcast shape of several shapes, by the rule in the class comment.
     *
     * @param who    names the caller in the error message, for example {@code "Multiply 'scale'"}
     * @param shapes the shapes, batch first; -1 for unknown sizes
     * @return the broadcast shape (a new array) with the largest rank among {@code shapes}
     * @throws IllegalArgumentException naming {@code who} and both shapes when two sizes conflict
     */
    public static int[] shape(String who, List<int[]> shapes) {
        int rank = 0;
        for (int[] s : shapes) rank = Math.max(rank, s.length);
        int[] out = expand(shapes.get(0), rank);
        for (int i = 1; i < shapes.size(); i++) {
            int[] s = expand(shapes.get(i), rank);
            int[] before = out.clone();
            for (int d = 0; d < rank; d++) {
                int r = combine(out[d], s[d]);
                if (r == Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(who + ": inputs cannot be broadcast together: "
                            + (i == 1 ? Shapes.toString(shapes.get(0)) : Shapes.toString(before) + " (inputs 0 to " + (i - 1) + ")")
                            + " and " + Shapes.toString(shapes.get(i)) + " (input " + i + "): sizes " + size(before[d])
                            + " and " + size(s[d]) + " (neither is 1)");
                }
                out[d] = r;
            }
        }
        return out;
    }

    /** One axis of the rule; {@link Integer#MIN_VALUE} for a conflict. */
    private static int combine(int a, int b) {
        if (a == b || b == 1) return a;
        if (a == 1) return b;
        if (a < 0) return b;    // b > 1 here
        if (b < 0) return a;    // a > 1 here
        return Integer.MIN_VALUE;
    }

    private static String size(int d) { return d < 0 ? "None" : Integer.toString(d); }

    /**
     * {@code shape} raised to {@code rank} by inserting 1s after the batch axis (a rank-0 shape,
     * a scalar, becomes all 1s).
     *
     * @param shape the shape, batch first
     * @param rank  the wanted rank, &gt;= {@code shape.length}
     * @return a new array of length {@code rank}
     */
    public static int[] expand(int[] shape, int rank) {
        if (rank < shape.length) throw new IllegalArgumentException("cannot lower " + Shapes.toString(shape) + " to rank " + rank);
        int[] r = new int[rank];
        java.util.Arrays.fill(r, 1);
        if (shape.length == 0) return r;
        r[0] = shape[0];
        int gap = rank - shape.length;
        for (int d = 1; d < shape.length; d++) r[d + gap] = shape[d];
        return r;
    }

    /**
     * The strides (in elements) of a row-major tensor of shape {@code in} viewed in the shape
     * {@code out} it broadcasts to: 0 along every axis where {@code in} has length 1.
     *
     * @param in  a concrete shape that broadcasts to {@code out}
     * @param out the concrete broadcast shape
     * @return one stride per axis of {@code out}
     * @throws IllegalArgumentException if {@code in} does not broadcast to {@code out}
     */
    public static int[] strides(int[] in, int[] out) {
        int[] e = expand(in, out.length);
        int[] st = new int[out.length];
        int step = 1;
        for (int d = out.length - 1; d >= 0; d--) {
            if (e[d] != out[d] && e[d] != 1) {
                throw new IllegalArgumentException("shape " + Shapes.toString(in) + " does not broadcast to " + Shapes.toString(out));
            }
            st[d] = e[d] == 1 ? 0 : step;
            step *= e[d];
        }
        return st;
    }

    /**
     * Walks the output shape one innermost row (the last axis) at a time, in row-major order, and
     * gives the action each row's output offset and the input offset under {@code strides}. The row
     * has {@code out[last]} elements (1 for a rank-0 output); along it the input advances by
     * {@code strides[last]}.
     *
     * @param out     the concrete output shape
     * @param strides the input's strides in that shape, from {@link #strides}
     * @param action  called once per row
     */
    public static void forEachRow(int[] out, int[] strides, RowAction action) {
        int rank = out.length;
        if (rank == 0) { action.row(0, 0); return; }
        for (int d : out) if (d == 0) return;
        int rowLen = out[rank - 1];
        int rows = (int) (Shapes.size(out) / rowLen);
        int[] idx = new int[rank - 1];         // odometer over the outer axes
        int in = 0;
        for (int r = 0; r < rows; r++) {
            action.row(r * rowLen, in);
            // advance the odometer: the last outer axis first, carrying into the ones before it
            for (int d = rank - 2; d >= 0; d--) {
                in += strides[d];
                if (++idx[d] < out[d]) break;
                in -= strides[d] * out[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * {@code t} repeated along its broadcast axes into a new tensor of shape {@code out}.
     *
     * @param t   the tensor
     * @param out a concrete shape {@code t} broadcasts to
     * @return a new tensor of shape {@code out}
     */
    public static Tensor to(Tensor t, int[] out) {
        int[] st = strides(t.shape(), out);
        Tensor y = ActivationArena.uninitialized(out);      // every row is written below
        float[] x = t.data(), v = y.data();
        int len = out.length == 0 ? 1 : out[out.length - 1], s = out.length == 0 ? 0 : st[out.length - 1];
        forEachRow(out, st, (o, i) -> {
            if (s == 0) java.util.Arrays.fill(v, o, o + len, x[i]);
            else System.arraycopy(x, i, v, o, len);
        });
        return y;
    }

    /**
     * The reverse of {@link #to}: sums {@code g} (of a broadcast shape) over the axes along which
     * {@code shape} was repeated, giving a tensor of {@code shape}. This is the gradient of a
     * broadcast: every output cell that re-read an input value passes its gradient back to it.
     *
     * @param g     a tensor of the broadcast shape
     * @param shape the shape to reduce to; must broadcast to {@code g}'s shape
     * @return a new tensor of {@code shape}
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] out = g.shape();
        int[] st = strides(shape, out);
        Tensor y = Tensor.zeros(shape);
        float[] gg = g.data(), v = y.data();
        int len = out.length == 0 ? 1 : out[out.length - 1], s = out.length == 0 ? 0 : st[out.length - 1];
        forEachRow(out, st, (o, i) -> {
            if (s == 0) {
                double sum = 0;
                for (int j = 0; j < len; j++) sum += gg[o + j];
                v[i] += (float) sum;
            } else {
                for (int j = 0; j < len; j++) v[i + j] += gg[o + j];
            }
        });
        return y;
    }
}
