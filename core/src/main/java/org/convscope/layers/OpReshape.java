package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * The Keras 3 op nodes that change a tensor's shape but not its values in row-major order:
 * {@code keras.ops.reshape(x, newshape)} (the new shape <em>includes</em> the batch axis, one −1
 * allowed anywhere, unlike the Reshape layer's {@code target_shape}), {@code squeeze(x, axis)}
 * (drops length-1 axes: the given ones, or all when no axis is given) and
 * {@code expand_dims(x, axis)} (inserts length-1 axes at the given positions of the result). The
 * output shares the input's array.
 */
public final class OpReshape extends SingleInputLayer {
    /** The three ops. */
    public enum Kind {
        /** {@code reshape(x, newshape)}. */
        RESHAPE,
        /** {@code squeeze(x, axis)}. */
        SQUEEZE,
        /** {@code expand_dims(x, axis)}. */
        EXPAND_DIMS
    }

    private final Kind kind;
    private final int[] arg;   // newshape, or axes (null: every length-1 axis, squeeze only)

    /**
     * A shape op.
     *
     * @param name the op node's name
     * @param kind which op
     * @param arg  the new shape (batch included) for RESHAPE; the axes for SQUEEZE (null = every
     *             length-1 axis) and EXPAND_DIMS
     */
    public OpReshape(String name, Kind kind, int[] arg) {
        super(name);
        if (kind == null) throw new IllegalArgumentException(describe() + ": kind is required");
        if (arg == null && kind != Kind.SQUEEZE) throw new IllegalArgumentException(describe() + ": needs " + (kind == Kind.RESHAPE ? "a shape" : "an axis"));
        this.kind = kind;
        this.arg = arg == null ? null : arg.clone();
    }

    @Override
    public String kerasClass() {
        return switch (kind) {
            case RESHAPE -> "Reshape";
            case SQUEEZE -> "Squeeze";
            case EXPAND_DIMS -> "ExpandDims";
        };
    }

    /** {@return which op} */
    public Kind kind() { return kind; }

    /**
     * Whether the op leaves the batch axis first and alone, so each sample's values stay its own: a
     * reshape to {@code (-1, ...)} with the other sizes given, a squeeze or expand_dims of given
     * axes other than 0.
     *
     * @param rank the input's rank
     * @return true when the batch axis is kept as the first axis
     */
    public boolean keepsBatchAxis(int rank) {
        return switch (kind) {
            case RESHAPE -> {
                if (arg.length == 0 || arg[0] != -1) yield false;
                for (int i = 1; i < arg.length; i++) if (arg[i] < 0) yield false;
                yield true;
            }
            case SQUEEZE -> {
                if (arg == null) yield false;
                for (int a : arg) if ((a < 0 ? a + rank : a) == 0) yield false;
                yield true;
            }
            case EXPAND_DIMS -> {
                for (int a : arg) if ((a < 0 ? a + rank + arg.length : a) == 0) yield false;
                yield true;
            }
        };
    }

    @Override
    public int[] outputShape(int[] in) {
        return switch (kind) {
            case RESHAPE -> reshape(in);
            case SQUEEZE -> squeeze(in);
            case EXPAND_DIMS -> expand(in);
        };
    }

    private int[] reshape(int[] in) {
        boolean known = true;
        for (int d : in) known &= d >= 0;
        if (known) {
            try {
                return Shapes.resolveReshape(in, arg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": " + e.getMessage());
            }
        }
        // unknown batch: the usual newshape (-1, known...) keeps it unknown; per-sample sizes must agree
        long per = 1;
        for (int d = 1; d < in.length; d++) {
            if (in[d] < 0) return arg.clone();   // cannot check before running
            per *= in[d];
        }
        if (arg.length > 0 && arg[0] == -1) {
            long rest = 1;
            for (int d = 1; d < arg.length; d++) {
                if (arg[d] < 0) throw new IllegalArgumentException(describe() + ": only one -1 allowed in " + Arrays.toString(arg));
                rest *= arg[d];
            }
            if (rest != per) {
                throw new IllegalArgumentException(describe() + ": cannot reshape " + Shapes.toString(in) + " (" + per
                        + " values per sample) to " + Arrays.toString(arg));
            }
        }
        int[] r = arg.clone();
        for (int i = 0; i < r.length; i++) if (r[i] < -1) throw new IllegalArgumentException(describe() + ": negative size in " + Arrays.toString(arg));
        return r;
    }

    private int[] squeeze(int[] in) {
        boolean[] drop = new boolean[in.length];
        if (arg == null) {
            for (int d = 0; d < in.length; d++) drop[d] = in[d] == 1;
        } else {
            for (int a : arg) {
                int ax = axis(a, in.length);
                if (in[ax] != 1 && in[ax] != -1) {
                    throw new IllegalArgumentException(describe() + ": cannot squeeze axis " + a + " of " + Shapes.toString(in) + " (its size is not 1)");
                }
                drop[ax] = true;
            }
        }
        int n = 0;
        for (boolean b : drop) if (!b) n++;
        int[] out = new int[n];
        int k = 0;
        for (int d = 0; d < in.length; d++) if (!drop[d]) out[k++] = in[d];
        return out;
    }

    private int[] expand(int[] in) {
        int rank = in.length + arg.length;
        boolean[] ins = new boolean[rank];
        for (int a : arg) {
            int ax = axis(a, rank);
            if (ins[ax]) throw new IllegalArgumentException(describe() + ": axis " + a + " is listed twice");
            ins[ax] = true;
        }
        int[] out = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) out[d] = ins[d] ? 1 : in[k++];
        return out;
    }

    private int axis(int a, int rank) {
        int ax = a < 0 ? a + rank : a;
        if (ax < 0 || ax >= rank) throw new IllegalArgumentException(describe() + ": axis " + a + " is out of range for rank " + rank);
        return ax;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] out = outputShape(input.shape());
        if (kind == Kind.RESHAPE) {
            try {
                out = Shapes.resolveReshape(input.shape(), arg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe() + ": " + e.getMessage());
            }
        }
        return input.reshape(out);
    }

    /** Per image when the batch axis is kept. */
    @Override
    public boolean perImage(int inputRank) { return keepsBatchAxis(inputRank); }
}
