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
 * {@code /outputs/<layer>}, NHWC; in the apps copies a layer of more than 50,000 values is under
 * {@code /samples/<layer>} instead: 4096 values at fixed flat positions, with the whole output's
 * sum, sum of absolute values, min and max. Test code only; the files are trusted.
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

    /** A sampled layer output: values at flat NHWC positions, and statistics of the whole output. */
    record Sample(int[] shape, long[] positions, float[] values, double sum, double absSum, double min, double max) {
        /** {@return the largest magnitude of the whole output} */
        double maxAbs() { return Math.max(Math.abs(min), Math.abs(max)); }
    }

    List<String> sampleNames() {
        if (!(h5.getChild("samples") instanceof Group g)) return List.of();
        return new ArrayList<>(g.getChildren().keySet());
    }

    Sample sample(String layer) {
        Dataset ds = h5.getDatasetByPath("/samples/" + layer);
        float[] values = floats(ds.getDataFlat());
        long[] pos = longs(ds.getAttribute("flat_indices").getData());
        long[] shape = longs(ds.getAttribute("shape").getData());
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) s[i] = (int) shape[i];
        return new Sample(s, pos, values, number(ds, "sum"), number(ds, "abs_sum"), number(ds, "min"), number(ds, "max"));
    }

    private static double number(Dataset ds, String attribute) {
        Object o = ds.getAttribute(attribute).getData();
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof double[] d) return d[0];
        if (o instanceof float[] f) return f[0];
        throw new IllegalStateException("attribute " + attribute + " of " + ds.getPath() + ": " + o.getClass());
    }

    private static long[] longs(Object o) {
        if (o instanceof long[] l) return l;
        if (o instanceof int[] a) {
            long[] l = new long[a.length];
            for (int i = 0; i < a.length; i++) l[i] = a[i];
            return l;
        }
        if (o instanceof Object[] nested && nested.length == 1) return longs(nested[0]);
        throw new IllegalStateException("not an integer array: " + o.getClass());
    }

    private static float[] floats(Object flat) {
        if (flat instanceof float[] a) return a;
        double[] d = (double[]) flat;
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

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
