package org.convscope.bench.nativeyard;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * Keras's reference outputs of a fixture ({@code *.io.h5}, written by h5py): {@code /input} and
 * {@code /outputs/<layer>}, NHWC. Test code only; the files are trusted.
 */
final class KerasReference implements AutoCloseable {
    private final HdfFile h5;

    KerasReference(Path file) throws IOException {
        this.h5 = HdfFile.fromBytes(Files.readAllBytes(file));
    }

    Tensor input() { return tensor("/input"); }

    List<String> outputNames() {
        return new ArrayList<>(((Group) h5.getChild("outputs")).getChildren().keySet());
    }

    Tensor output(String layer) { return tensor("/outputs/" + layer); }

    private Tensor tensor(String path) {
        Dataset ds = h5.getDatasetByPath(path);
        Object flat = ds.getDataFlat();
        float[] f;
        if (flat instanceof float[] a) {
            f = a;
        } else {
            double[] d = (double[]) flat;
            f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        }
        return Tensor.of(f, ds.getDimensions());
    }

    @Override
    public void close() { h5.close(); }
}
