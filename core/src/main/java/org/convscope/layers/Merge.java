package org.convscope.layers;

import java.util.List;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * The elementwise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum): two or more
 * inputs of equal shape are combined value by value, left to right, in float like Keras
 * ({@code out = in0 ⊕ in1 ⊕ in2 …}).
 */
public abstract sealed class Merge implements Layer permits Add, Subtract, Multiply, Average, Maximum, Minimum {
    private final String name;

    /**
     * A merge layer.
     * @param name the layer's name, unique in its model
     */
    protected Merge(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": a layer needs a name");
        this.name = name;
    }

    @Override public final String name() { return name; }

    /** Two or more (−1); Subtract overrides with exactly 2. */
    @Override public int arity() { return -1; }

    /**
     * "Add 'add_1'", for error messages.
     *
     * @return the layer's class and name, for error messages
     */
    protected String describe() { return kerasClass() + " '" + name + "'"; }

    private void requireCount(int n) {
        int a = arity();
        if (a >= 0 ? n != a : n < 2) {
            throw new IllegalArgumentException(describe() + " takes " + (a >= 0 ? "exactly " + a : "two or more")
                    + " inputs, got " + n);
        }
    }

    @Override
    public int[] outputShape(List<int[]> shapes) {
        requireCount(shapes.size());
        int[] out = shapes.get(0).clone();
        for (int i = 1; i < shapes.size(); i++) {
            int[] s = shapes.get(i);
            boolean ok = s.length == out.length;
            for (int d = 0; ok && d < s.length; d++) {
                if (out[d] < 0) out[d] = s[d];
                else ok = s[d] < 0 || s[d] == out[d];
            }
            if (!ok) {
                throw new IllegalArgumentException(describe() + ": inputs must have equal shapes, got "
                        + Shapes.toString(shapes.get(0)) + " and " + Shapes.toString(s) + " (input " + i + ")");
            }
        }
        return out;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        requireCount(inputs.size());
        int[] shape = inputs.get(0).shape();
        for (int i = 1; i < inputs.size(); i++) {
            if (!java.util.Arrays.equals(shape, inputs.get(i).shape())) {
                throw new IllegalArgumentException(describe() + ": inputs must have equal shapes, got "
                        + Shapes.toString(shape) + " and " + Shapes.toString(inputs.get(i).shape()) + " (input " + i + ")");
            }
        }
        float[] acc = inputs.get(0).data().clone();
        for (int i = 1; i < inputs.size(); i++) {
            float[] x = inputs.get(i).data();
            for (int j = 0; j < acc.length; j++) acc[j] = combine(acc[j], x[j]);
        }
        finish(acc, inputs.size());
        return Tensor.of(acc, shape);
    }

    /** The running result combined with the next input's value. */
    abstract float combine(float acc, float x);

    /** Final touch after all inputs (Average divides by their number). */
    void finish(float[] acc, int count) { }

    @Override public String toString() { return describe(); }
}
