package org.convscope.layers;

import java.util.List;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Concatenate: joins two or more inputs along {@code axis} (negative counts from the end;
 * Keras's default −1 joins the channels). All other axes must agree.
 */
public final class Concatenate implements Layer {
    private final String name;
    private final int axis;

    /**
     * A {@code Concatenate} layer.
     * @param name the layer's name, unique in its model
     * @param axis the axis to join along (negative counts from the end; the batch axis cannot be joined)
     */
    public Concatenate(String name, int axis) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("Concatenate: a layer needs a name");
        this.name = name;
        this.axis = axis;
    }

    @Override public String name() { return name; }
    @Override public String kerasClass() { return "Concatenate"; }
    @Override public int arity() { return -1; }

    /** {@return the axis as given (may be negative)} */
    public int axis() { return axis; }

    private String describe() { return "Concatenate '" + name + "'"; }

    private int resolve(int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for rank " + rank);
        return a;
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        if (shapes.size() < 2) throw new IllegalArgumentException(describe() + " takes two or more inputs, got " + shapes.size());
        int[] out = shapes.get(0).clone();
        int a = resolve(out.length);
        for (int i = 1; i < shapes.size(); i++) {
            int[] s = shapes.get(i);
            boolean ok = s.length == out.length;
            for (int d = 0; ok && d < s.length; d++) {
                if (d == a) continue;
                if (out[d] < 0) out[d] = s[d];
                else ok = s[d] < 0 || s[d] == out[d];
            }
            if (!ok) {
                throw new IllegalArgumentException(describe() + ": inputs must agree on every axis but " + axis + ", got "
                        + Shapes.toString(shapes.get(0)) + " and " + Shapes.toString(s) + " (input " + i + ")");
            }
            out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
        }
        return out;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        List<int[]> shapes = inputs.stream().map(Tensor::shape).toList();
        for (int[] s : shapes) {
            for (int d : s) if (d < 0) throw new IllegalArgumentException(describe() + ": unknown dimension in " + Shapes.toString(s));
        }
        int[] out = outputShape(shapes);
        int a = resolve(out.length);
        // View every tensor as [outer, len_i · inner]: concatenating along a is copying, for each
        // outer index, the inputs' blocks one after the other.
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= out[d];
        for (int d = a + 1; d < out.length; d++) inner *= out[d];
        float[] y = ActivationArena.floats(Math.toIntExact(Shapes.size(out)));   // the blocks tile it
        int row = out[a] * inner, pos = 0;
        for (Tensor t : inputs) {
            int block = t.dim(a) * inner;
            float[] x = t.data();
            for (int o = 0; o < outer; o++) System.arraycopy(x, o * block, y, o * row + pos, block);
            pos += block;
        }
        return Tensor.of(y, out);
    }

    @Override public String toString() { return describe() + " axis " + axis; }

    /** Per image unless {@code axis} is the batch axis. */
    @Override
    public boolean perImage(int inputRank) { return (axis < 0 ? axis + inputRank : axis) != 0; }
}
