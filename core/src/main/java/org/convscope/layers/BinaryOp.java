package org.convscope.layers;

import java.util.List;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Broadcast;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * A Keras 3 op node combining two tensors value by value ({@code keras.ops.add}, {@code subtract},
 * {@code multiply}, {@code divide}/{@code true_divide}, {@code maximum}, {@code minimum},
 * {@code power}), with NumPy's broadcasting: shapes are aligned from the last axis, a tensor of
 * lower rank gets length-1 axes in front, and a length-1 axis is repeated along the other tensor's.
 * (Keras's merge <em>layers</em> differ for inputs of different rank: they insert the missing axes
 * after the batch axis, see {@link Merge}.) Computed in float32 like Keras, one rounding per value.
 */
public final class BinaryOp implements Layer {
    private final String name;
    private final String opClass;
    private final ScalarArithmetic.Op op;

    /**
     * A binary op node.
     *
     * @param name    the op node's name
     * @param opClass Keras's op class, for example {@code TrueDivide}
     * @param op      the operation
     */
    public BinaryOp(String name, String opClass, ScalarArithmetic.Op op) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("BinaryOp: an op node needs a name");
        if (op == null) throw new IllegalArgumentException("op node '" + name + "': operation is required");
        this.name = name;
        this.opClass = opClass == null ? op.name() : opClass;
        this.op = op;
    }

    @Override public String name() { return name; }

    @Override public String kerasClass() { return opClass; }

    @Override public int arity() { return 2; }

    /** {@return the operation} */
    public ScalarArithmetic.Op op() { return op; }

    private String describe() { return opClass + " '" + name + "'"; }

    /**
     * NumPy's broadcast of two shapes (batch axis included, -1 unknown).
     *
     * @param who names the caller in errors
     * @param a   the first shape
     * @param b   the second shape
     * @return the broadcast shape
     */
    public static int[] broadcast(String who, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        return Broadcast.shape(who, List.of(leftPad(a, rank), leftPad(b, rank)));
    }

    /** The shape with length-1 axes in front up to {@code rank} (NumPy's alignment). */
    static int[] leftPad(int[] s, int rank) {
        int[] r = new int[rank];
        java.util.Arrays.fill(r, 1);
        System.arraycopy(s, 0, r, rank - s.length, s.length);
        return r;
    }

    @Override
    public int[] outputShape(List<int[]> in) {
        if (in.size() != 2) throw new IllegalArgumentException(describe() + " takes 2 tensors, got " + in.size());
        return broadcast(describe(), in.get(0), in.get(1));
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) throw new IllegalArgumentException(describe() + " takes 2 tensors, got " + inputs.size());
        Tensor a = inputs.get(0), b = inputs.get(1);
        int[] out = broadcast(describe(), a.shape(), b.shape());
        int[] sa = Broadcast.strides(leftPad(a.shape(), out.length), out);
        int[] sb = Broadcast.strides(leftPad(b.shape(), out.length), out);
        float[] x = a.data(), z = b.data();
        float[] y = ActivationArena.floats(Math.toIntExact(Shapes.size(out)));
        if (out.length == 0) {
            y[0] = apply(x[0], z[0]);
            return Tensor.of(y, out);
        }
        int len = out[out.length - 1], ka = sa[out.length - 1], kb = sb[out.length - 1];
        // walk a's rows, and b's offset alongside with its own strides
        int[] outer = java.util.Arrays.copyOf(out, out.length);
        int rows = len == 0 ? 0 : y.length / len;
        int[] idx = new int[out.length];
        for (int r = 0; r < rows; r++) {
            int oa = 0, ob = 0;
            for (int d = 0; d < out.length - 1; d++) {
                oa += idx[d] * sa[d];
                ob += idx[d] * sb[d];
            }
            int o = r * len;
            for (int j = 0; j < len; j++) y[o + j] = apply(x[oa + j * ka], z[ob + j * kb]);
            for (int d = out.length - 2; d >= 0; d--) {
                if (++idx[d] < outer[d]) break;
                idx[d] = 0;
            }
        }
        return Tensor.of(y, out);
    }

    private float apply(float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case POWER -> (float) Math.pow(a, b);
        };
    }

    @Override public String toString() { return describe(); }
}
