package org.convscope.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convscope.tensor.Tensor;

/**
 * Reads a fixture's {@code *.io.h5} reference file (written by h5py): {@code /input},
 * {@code /outputs/<layer>} and, for convnet_512's big layers, {@code /samples/<layer>} with the
 * {@code flat_indices} attribute. Test code only: these files are trusted.
 */
final class IoReference implements AutoCloseable {
    private final HdfFile h5;

    IoReference(Path file) throws IOException {
        this.h5 = HdfFile.fromBytes(Files.readAllBytes(file));
    }

    Tensor input() { return tensor("/input"); }

    /** Layers with a full output, in file order. */
    List<String> outputNames() { return children("/outputs"); }

    /** Layers with samples only. */
    List<String> sampleNames() { return children("/samples"); }

    private List<String> children(String group) {
        Node g = h5.getChildren().get(group.substring(1));
        if (g == null) return List.of();
        return new ArrayList<>(((io.jhdf.api.Group) g).getChildren().keySet());
    }

    Tensor output(String layer) { return tensor("/outputs/" + layer); }

    /** Keras 3 op nodes with a stored output ({@code /op_outputs/<op name>}, apps fixtures), in file order. */
    List<String> opOutputNames() { return children("/op_outputs"); }

    Tensor opOutput(String op) { return tensor("/op_outputs/" + op); }

    /** A root attribute, or null when the file has none of that name. */
    String rootAttribute(String name) {
        if (h5.getAttribute(name) == null) return null;
        return attribute("/", name);
    }

    /** A sample layer: values at flat indices. */
    record Samples(long[] indices, float[] values, int[] shape) { }

    Samples samples(String layer) {
        Dataset ds = h5.getDatasetByPath("/samples/" + layer);
        float[] v = floats(ds.getDataFlat());
        Attribute idx = ds.getAttribute("flat_indices");
        long[] indices = (long[]) idx.getData();
        Object shapeData = ds.getAttribute("shape").getData();
        int[] shape;
        if (shapeData instanceof long[] l) {
            shape = new int[l.length];
            for (int i = 0; i < l.length; i++) shape[i] = (int) l[i];
        } else {
            shape = (int[]) shapeData;
        }
        return new Samples(indices, v, shape);
    }

    String attribute(String path, String name) {
        Node n = path.equals("/") ? h5 : h5.getByPath(path);
        Object d = n.getAttribute(name).getData();
        return d instanceof String[] a ? a[0] : String.valueOf(d);
    }

    Tensor tensor(String path) {
        Dataset ds = h5.getDatasetByPath(path);
        return Tensor.of(floats(ds.getDataFlat()), ds.getDimensions());
    }

    private static float[] floats(Object flat) {
        if (flat instanceof float[] f) return f;
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            return f;
        }
        throw new IllegalStateException("not floating point data: " + flat.getClass());
    }

    Map<String, Node> root() { return h5.getChildren(); }

    @Override public void close() { h5.close(); }
}
