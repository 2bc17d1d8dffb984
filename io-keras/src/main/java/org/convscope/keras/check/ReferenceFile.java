package org.convscope.keras.check;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convscope.keras.CorruptFileException;
import org.convscope.keras.h5.H5File;
import org.convscope.tensor.Tensor;

/**
 * Reads a reference file in the {@code .io.h5} conventions (an HDF5 file written with h5py):
 * <ul>
 *   <li>{@code /input}: float32 NHWC, batch first — exactly what the model is fed;</li>
 *   <li>{@code /outputs/<layer>}: that layer's full output, attribute {@code class_name} optional;</li>
 *   <li>{@code /samples/<layer>} (optional, for big layers): the values at the flat row-major
 *       positions in the int64 attribute {@code flat_indices}, with attributes {@code shape}
 *       (the full output shape) and {@code min}, {@code max} over the full output;</li>
 *   <li>{@code /op_outputs/<op>} (optional): the output of a Keras 3 op node ({@code x + 3.0},
 *       {@code ops.mean(x)}), compared like a layer's under the op node's name.</li>
 * </ul>
 * Any other groups and attributes are ignored. Reading goes through io-keras's defensive
 * {@link H5File}: a damaged file gives a {@link CorruptFileException} naming the file and path.
 */
public final class ReferenceFile {
    private ReferenceFile() {}

    /**
     * Reads the whole file into memory.
     *
     * @param file the {@code .io.h5} reference file
     * @return the input and every layer's reference values, in file order; the source is the file name
     * @throws java.io.UncheckedIOException when the file exists but cannot be read
     * @throws IllegalArgumentException when the file does not exist or has no {@code /input}
     * @throws CorruptFileException     when it is not a readable HDF5 file
     */
    public static ReferenceData read(Path file) {
        byte[] bytes;
        try {
            // checked before opening: a FIFO would block the read, a device (/dev/zero) never end (issue 21)
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": not a regular file (a folder, FIFO, device or socket)");
            }
            long size = Files.size(file);
            long budget = org.convscope.keras.limits.LoadLimits.fileBudget();
            if (size > budget) {
                throw new org.convscope.keras.LoadLimitException(file + ": the reference file is " + org.convscope.keras.limits.LoadLimits.size(size)
                        + ", " + org.convscope.keras.limits.LoadLimits.limitText(budget, "a quarter of the maximum heap"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such reference file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the reference file (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString();
        try (H5File h5 = H5File.open(name, bytes)) {
            if (h5.node("/input").isEmpty()) {
                throw new IllegalArgumentException(name + ": not a reference file: it has no /input dataset (see the README: "
                        + "a reference holds /input and /outputs/<layer>)");
            }
            Tensor input = h5.readFloats("/input", null, "the reference input");
            Map<String, ReferenceLayer> layers = new LinkedHashMap<>();
            if (h5.isGroup("/outputs")) {
                for (String layer : h5.childNames("/outputs")) {
                    String path = "/outputs/" + layer;
                    Tensor out = h5.readFloats(path, null, "the reference output of layer '" + layer + "'");
                    layers.put(layer, ReferenceLayer.full(layer, h5.stringAttribute(path, "class_name").orElse(null), out));
                }
            }
            if (h5.isGroup("/samples")) {
                for (String layer : h5.childNames("/samples")) {
                    if (layers.containsKey(layer)) continue;     // a full output wins
                    layers.put(layer, samples(h5, layer));
                }
            }
            if (h5.isGroup("/op_outputs")) {        // Keras 3 op nodes (x + 3.0, ops.mean): graph nodes by their op names
                for (String op : h5.childNames("/op_outputs")) {
                    if (layers.containsKey(op)) continue;
                    String path = "/op_outputs/" + op;
                    Tensor out = h5.readFloats(path, null, "the reference output of op node '" + op + "'");
                    layers.put(op, ReferenceLayer.full(op, h5.stringAttribute(path, "class_name").orElse(null), out));
                }
            }
            if (layers.isEmpty()) {
                throw new IllegalArgumentException(name + ": the reference has an /input but no /outputs/<layer> or /samples/<layer> to compare");
            }
            return new ReferenceData(name, input, layers);
        }
    }

    private static ReferenceLayer samples(H5File h5, String layer) {
        String path = "/samples/" + layer;
        Tensor values = h5.readFloats(path, null, "the reference samples of layer '" + layer + "'");
        Node node = h5.node(path).orElseThrow();
        long[] indices = longs(h5, node, path, "flat_indices", true);
        long[] shapeL = longs(h5, node, path, "shape", true);
        if (indices.length != values.size()) {
            throw new CorruptFileException(h5.fileName() + ": " + path + " holds " + values.size() + " values but "
                    + indices.length + " flat_indices");
        }
        if (shapeL.length == 0 || shapeL.length > 8) {
            throw new CorruptFileException(h5.fileName() + ": " + path + " has a 'shape' attribute of rank " + shapeL.length);
        }
        int[] shape = new int[shapeL.length];
        long total = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shapeL[i] < 0 || shapeL[i] > Integer.MAX_VALUE) {
                throw new CorruptFileException(h5.fileName() + ": " + path + " has an impossible 'shape' " + java.util.Arrays.toString(shapeL));
            }
            shape[i] = (int) shapeL[i];
            total = total > Long.MAX_VALUE / Math.max(1, shape[i]) ? Long.MAX_VALUE : total * shape[i];
        }
        for (long ix : indices) {
            if (ix < 0 || ix >= total) {
                throw new CorruptFileException(h5.fileName() + ": " + path + " has flat index " + ix + " outside its shape " + java.util.Arrays.toString(shape));
            }
        }
        double maxAbs = 0;
        double mn = number(h5, node, path, "min"), mx = number(h5, node, path, "max");
        if (!Double.isNaN(mn) && !Double.isNaN(mx)) {
            maxAbs = Math.max(Math.abs(mn), Math.abs(mx));
        } else {
            for (float v : values.data()) maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        return ReferenceLayer.sampled(layer, h5.stringAttribute(path, "class_name").orElse(null), shape, indices, values.data(), maxAbs);
    }


    /** An integer array attribute (int32 or int64, scalar or 1-D). */
    private static long[] longs(H5File h5, Node node, String path, String attr, boolean required) {
        Object data = h5.guard("attribute '" + attr + "' of " + path, () -> {
            Attribute a = node.getAttribute(attr);
            return a == null ? null : a.getData();
        });
        if (data == null) {
            if (required) throw new CorruptFileException(h5.fileName() + ": " + path + " has no '" + attr + "' attribute");
            return null;
        }
        if (data instanceof Number n) return new long[] {n.longValue()};
        if (data.getClass().isArray() && Array.getLength(data) >= 0) {
            long[] out = new long[Array.getLength(data)];
            for (int i = 0; i < out.length; i++) {
                Object v = Array.get(data, i);
                if (!(v instanceof Number n) || v instanceof Float || v instanceof Double) {
                    throw new CorruptFileException(h5.fileName() + ": attribute '" + attr + "' of " + path + " should hold integers");
                }
                out[i] = n.longValue();
            }
            return out;
        }
        throw new CorruptFileException(h5.fileName() + ": attribute '" + attr + "' of " + path + " should hold integers");
    }

    /** A numeric scalar attribute, NaN when absent. */
    private static double number(H5File h5, Node node, String path, String attr) {
        Object data = h5.guard("attribute '" + attr + "' of " + path, () -> {
            Attribute a = node.getAttribute(attr);
            return a == null ? null : a.getData();
        });
        if (data instanceof Number n) return n.doubleValue();
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1 && Array.get(data, 0) instanceof Number n) return n.doubleValue();
        return Double.NaN;
    }
}
