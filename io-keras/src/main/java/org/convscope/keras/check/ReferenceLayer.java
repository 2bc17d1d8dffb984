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
    public ReferenceLayer {
        if (name == null || shape == null) throw new IllegalArgumentException("a reference layer needs a name and a shape");
        if ((full == null) == (indices == null)) throw new IllegalArgumentException("reference layer '" + name + "': give a full output or samples");
        if (indices != null && (values == null || values.length != indices.length)) {
            throw new IllegalArgumentException("reference layer '" + name + "': " + indices.length + " indices but "
                    + (values == null ? "no" : Integer.toString(values.length)) + " values");
        }
        shape = shape.clone();
    }

    /** A full output. */
    public static ReferenceLayer full(String name, String className, Tensor output) {
        return new ReferenceLayer(name, className, output.shape(), output, null, null, output.maxAbs());
    }

    /** Values at flat positions of an output of {@code shape}; {@code maxAbs} over the whole output. */
    public static ReferenceLayer sampled(String name, String className, int[] shape, long[] indices, float[] values, double maxAbs) {
        return new ReferenceLayer(name, className, shape, null, indices.clone(), values.clone(), maxAbs);
    }

    /** True when only samples are stored. */
    public boolean isSampled() { return full == null; }

    @Override public int[] shape() { return shape.clone(); }

    @Override
    public String toString() {
        return "ReferenceLayer " + name + " " + Arrays.toString(shape) + (isSampled() ? " (" + indices.length + " samples)" : "");
    }
}
