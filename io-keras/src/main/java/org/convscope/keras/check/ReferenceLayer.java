package org.convscope.keras.check;

import java.util.Arrays;
import org.convscope.tensor.Tensor;

/**
 * What a reference file says one layer computed: either the full output ({@code /outputs/<layer>})
 * or values at some flat (row-major NHWC) positions ({@code /samples/<layer>} with
 * {@code flat_indices}), for layers too big to store whole.
 *
 * @param name      the layer name
 * @param className the Keras class the file records (attribute {@code class_name}), or null
 * @param shape     the shape of the layer's output, batch first
 * @param full      the full output, or null for a sampled layer
 * @param indices   flat positions of the samples, or null for a full output
 * @param values    the sampled values, or null for a full output
 * @param maxAbs    max |value| over the whole output (for a sampled layer: from the file's
 *                  {@code min}/{@code max} attributes, else over the samples)
 */
public record ReferenceLayer(String name, String className, int[] shape, Tensor full, long[] indices, float[] values,
                             double maxAbs) {
    /**
     * Checks that exactly one of {@code full} and {@code indices} is given, that the samples have a
     * value per index, and copies the shape. The sample arrays are kept as given; {@link #sampled}
     * copies them.
     *
     * @throws IllegalArgumentException naming the layer when these rules are broken, or the name or
     *                                  shape is null
     */
    public ReferenceLayer {
        if (name == null || shape == null) throw new IllegalArgumentException("a reference layer needs a name and a shape");
        if ((full == null) == (indices == null)) throw new IllegalArgumentException("reference layer '" + name + "': give a full output or samples");
        if (indices != null && (values == null || values.length != indices.length)) {
            throw new IllegalArgumentException("reference layer '" + name + "': " + indices.length + " indices but "
                    + (values == null ? "no" : Integer.toString(values.length)) + " values");
        }
        shape = shape.clone();
    }

    /**
     * {@return the reference of a layer whose full output is known; {@code maxAbs} is computed from it}
     *
     * @param name      the layer name
     * @param className the Keras class, or null
     * @param output    the layer's whole output, batch first (kept, not copied)
     */
    public static ReferenceLayer full(String name, String className, Tensor output) {
        return new ReferenceLayer(name, className, output.shape(), output, null, null, output.maxAbs());
    }

    /**
     * {@return the reference of a layer known only at some positions} The arrays are copied.
     *
     * @param name      the layer name
     * @param className the Keras class, or null
     * @param shape     the full output's shape, batch first
     * @param indices   flat row-major positions in that output
     * @param values    the value at each position, as many as {@code indices}
     * @param maxAbs    max |value| over the <em>whole</em> output (not just the samples): the scale the
     *                  relative error is measured against
     */
    public static ReferenceLayer sampled(String name, String className, int[] shape, long[] indices, float[] values, double maxAbs) {
        return new ReferenceLayer(name, className, shape, null, indices.clone(), values.clone(), maxAbs);
    }

    /** {@return true when only samples are stored ({@link #full} is null)} */
    public boolean isSampled() { return full == null; }

    /** {@return a copy of the output's shape, batch first} */
    @Override public int[] shape() { return shape.clone(); }

    @Override
    public String toString() {
        return "ReferenceLayer " + name + " " + Arrays.toString(shape) + (isSampled() ? " (" + indices.length + " samples)" : "");
    }
}
