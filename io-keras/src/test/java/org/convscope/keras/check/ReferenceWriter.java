package org.convscope.keras.check;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.convscope.tensor.Tensor;

/** Test helper: writes a {@link ReferenceData} as an {@code .io.h5}-style HDF5 file with jhdf's writer. */
final class ReferenceWriter {
    private ReferenceWriter() {}

    static void write(ReferenceData ref, Path file) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("input", nested(ref.input()));
            WritableGroup outputs = out.putGroup("outputs");
            for (ReferenceLayer l : ref.layers().values()) {
                if (l.isSampled()) throw new IllegalArgumentException("the test writer writes full outputs only");
                WritableDataset ds = outputs.putDataset(l.name(), nested(l.full()));
                if (l.className() != null) ds.putAttribute("class_name", l.className());
            }
        }
    }

    /** The tensor as a nested float array of its rank (what jhdf writes as a dataset of that shape). */
    static Object nested(Tensor t) {
        int[] shape = t.shape();
        Object arr = Array.newInstance(float.class, shape);
        float[] d = t.data();
        fill(arr, shape, 0, d, new int[] {0});
        return arr;
    }

    private static void fill(Object arr, int[] shape, int axis, float[] d, int[] pos) {
        if (axis == shape.length - 1) {
            float[] row = (float[]) arr;
            System.arraycopy(d, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < shape[axis]; i++) fill(Array.get(arr, i), shape, axis + 1, d, pos);
    }
}
