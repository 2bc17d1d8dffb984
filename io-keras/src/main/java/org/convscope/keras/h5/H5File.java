package org.convscope.keras.h5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.VariableLength;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.convscope.keras.CorruptFileException;
import org.convscope.keras.KerasLoadException;
import org.convscope.keras.WeightMismatchException;
import org.convscope.keras.limits.LoadLimits;
import org.convscope.keras.limits.Quote;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * A defensive view of an HDF5 file held in memory, on top of jhdf.
 *
 * <p>jhdf trusts the file: a damaged file can make it throw almost anything (IllegalArgumentException,
 * ArithmeticException, BufferUnderflowException...), allocate far more than the file holds, or
 * return wrong data. So this class
 * <ul>
 *   <li>opens the file from bytes, never by path (a mutated dimension then fails on the buffer's
 *       bounds instead of reading gigabytes from the disk);</li>
 *   <li>runs every jhdf call inside {@link #guard}, which turns whatever escapes into a
 *       {@link CorruptFileException} naming the file and the HDF5 path;</li>
 *   <li>checks the declared type, shape and byte size of a dataset (with overflow checks, against the
 *       file size and the shape the caller expects) before reading a single value;</li>
 *   <li>checks the type of every attribute it returns (strings are strings, lists are string arrays),
 *       and its declared size before decoding it: a string attribute (such as a 40 MiB
 *       {@code model_config}) over {@link LoadLimits#configBudget()} is refused with a
 *       {@link org.convscope.keras.LoadLimitException} from the HDF5 metadata alone (the element
 *       count and size, and for variable-length strings each string's length and its global heap
 *       object's size), never decoded.</li>
 * </ul>
 * An {@code OutOfMemoryError} inside jhdf is never reported as a damaged file: it passes through.
 */
public final class H5File implements AutoCloseable {
    private final String fileName;
    private final HdfFile hdf;
    private final long fileSize;
    private final byte[] bytes;

    private H5File(String fileName, HdfFile hdf, byte[] bytes) {
        this.fileName = fileName;
        this.hdf = hdf;
        this.fileSize = bytes.length;
        this.bytes = bytes;
    }

    /** Opens HDF5 bytes; {@code fileName} is only used in messages (for a zip entry: "x.keras!model.weights.h5"). */
    public static H5File open(String fileName, byte[] bytes) {
        if (!HdfSignature.present(bytes)) {
            throw new CorruptFileException(fileName + ": not an HDF5 file (no HDF5 signature at offset 0, 512, 1024, ...)");
        }
        HdfFile f = guardStatic(fileName, "/", () -> HdfFile.fromBytes(bytes));
        // The superblock records where the file ends: a shorter file was cut off.
        long eof = guardStatic(fileName, "superblock", () -> {
            var sb = f.getHdfBackingStorage().getSuperblock();
            return sb.getBaseAddressByte() + sb.getEndOfFileAddress();
        });
        if (eof > bytes.length) {
            throw new CorruptFileException(fileName + ": truncated HDF5 file: the superblock says it ends at byte " + eof
                    + " but it holds " + bytes.length + " bytes");
        }
        return new H5File(fileName, f, bytes);
    }

    /** The name used in messages. */
    public String fileName() { return fileName; }

    /** The size of the file in bytes. */
    public long size() { return fileSize; }

    /**
     * Runs a jhdf call and turns anything it throws (exceptions, and a StackOverflowError from a
     * deep or cyclic structure) into a {@link CorruptFileException} naming the file and
     * {@code where}. The loader's own exceptions pass through, and so does an OutOfMemoryError: a
     * shortage of memory is not a damaged file (the loader reports it as a memory limit).
     */
    public <T> T guard(String where, Supplier<T> call) { return guardStatic(fileName, where, call); }

    private static <T> T guardStatic(String fileName, String where, Supplier<T> call) {
        try {
            return call.get();
        } catch (KerasLoadException e) {
            throw e;
        } catch (Throwable t) { // deliberately everything: jhdf lets RuntimeExceptions and Errors out on damaged files
            if (t instanceof VirtualMachineError vme && !(vme instanceof StackOverflowError)) {
                throw vme; // OutOfMemoryError (not the file's fault), InternalError/UnknownError: the JVM itself is in trouble
            }
            throw new CorruptFileException(fileName + ": cannot read HDF5 " + Quote.cut(where) + " (the file is damaged or truncated): "
                    + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + Quote.cut(t.getMessage(), 500)), t);
        }
    }

    /** The node at an absolute path ("/model_weights/conv2d"), or empty; walks group by group. */
    public Optional<Node> node(String path) {
        return guard(path, () -> {
            Node cur = hdf;
            for (String part : path.split("/")) {
                if (part.isEmpty()) continue;
                if (!(cur instanceof Group g)) return Optional.<Node>empty();
                Map<String, Node> children = g.getChildren();
                Node next = children == null ? null : children.get(part);
                if (next == null) return Optional.<Node>empty();
                cur = next;
            }
            return Optional.of(cur);
        });
    }

    /** True when a group exists at that path. */
    public boolean isGroup(String path) {
        Optional<Node> n = node(path);
        return n.isPresent() && guard(path, () -> n.get().isGroup());
    }

    /** Names of a group's children (sorted as jhdf returns them). */
    public List<String> childNames(String groupPath) {
        Node n = node(groupPath).orElseThrow(() -> new CorruptFileException(fileName + ": HDF5 group " + groupPath + " is missing"));
        if (!(n instanceof Group g)) throw new CorruptFileException(fileName + ": HDF5 " + groupPath + " is not a group");
        return guard(groupPath, () -> new ArrayList<>(g.getChildren().keySet()));
    }

    private Optional<Attribute> attribute(String nodePath, String name) {
        Optional<Node> n = node(nodePath);
        if (n.isEmpty()) return Optional.empty();
        return guard(where(nodePath, name), () -> {
            Map<String, Attribute> attrs = n.get().getAttributes();
            return Optional.ofNullable(attrs == null ? null : attrs.get(name));
        });
    }

    private static String where(String nodePath, String attr) {
        return "attribute '" + attr + "' of " + (nodePath.isEmpty() ? "/" : nodePath);
    }

    /** A scalar string attribute (or a one-element string array), empty if absent; other types are an error. */
    public Optional<String> stringAttribute(String nodePath, String name) {
        Optional<Attribute> a = attribute(nodePath, name);
        if (a.isEmpty()) return Optional.empty();
        String w = where(nodePath, name);
        checkDeclaredSize(w, a.get());
        Object data = guard(w, () -> a.get().getData());
        if (data instanceof String s) return Optional.of(s);
        if (data instanceof String[] arr && arr.length == 1 && arr[0] != null) return Optional.of(arr[0]);
        throw new CorruptFileException(fileName + ": HDF5 " + w + " should be a string, found " + describe(data));
    }

    /**
     * A string-array attribute. Handles Keras's quirks: an empty list is stored as an empty float64
     * array, and a long list may be split into {@code name0, name1, ...} chunks. Empty if absent.
     */
    public Optional<List<String>> stringListAttribute(String nodePath, String name) {
        Optional<Attribute> a = attribute(nodePath, name);
        if (a.isPresent()) return Optional.of(stringList(nodePath, name, a.get()));
        List<String> all = new ArrayList<>();
        for (int i = 0; ; i++) {
            Optional<Attribute> chunk = attribute(nodePath, name + i);
            if (chunk.isEmpty()) break;
            all.addAll(stringList(nodePath, name + i, chunk.get()));
        }
        return all.isEmpty() && attribute(nodePath, name + "0").isEmpty() ? Optional.empty() : Optional.of(all);
    }

    private List<String> stringList(String nodePath, String name, Attribute a) {
        String w = where(nodePath, name);
        Class<?> type = guard(w, a::getJavaType);
        long count = guard(w, a::getSize);
        if (type != String.class) {
            if (count == 0) return List.of(); // Keras writes an empty list as a float64 array of shape (0,)
            throw new CorruptFileException(fileName + ": HDF5 " + w + " should be an array of strings, found " + count
                    + " values of type " + (type == null ? "unknown" : type.getSimpleName()));
        }
        checkDeclaredSize(w, a);
        Object data = guard(w, a::getData);
        if (data == null && count == 0) return List.of();
        if (data instanceof String s) return List.of(s);
        if (data instanceof String[] arr) {
            for (String s : arr) {
                if (s == null) throw new CorruptFileException(fileName + ": HDF5 " + w + " holds a null string");
            }
            return List.of(arr);
        }
        throw new CorruptFileException(fileName + ": HDF5 " + w + " should be a one-dimensional array of strings, found " + describe(data));
    }

    /**
     * Refuses an attribute whose decoded size would exceed the config budget, from the metadata
     * alone: fixed-size elements by count times size; variable-length strings by each string's
     * declared length and by the size of the global heap object that holds it (what jhdf would
     * copy), read straight from the file's bytes.
     */
    private void checkDeclaredSize(String w, Attribute a) {
        long budget = LoadLimits.configBudget();
        DataType type = guard(w, a::getDataType);
        long count = guard(w, a::getSize);
        if (count < 0) throw new CorruptFileException(fileName + ": HDF5 " + w + " declares " + count + " values");
        if (type == null) return; // getData will fail and say so
        if (!(type instanceof VariableLength)) {
            long size = type.getSize();
            long total = size <= 0 ? 0 : count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
            LoadLimits.checkConfig(fileName, "HDF5 " + w, total);
            return;
        }
        var sb = guard(w, () -> hdf.getHdfBackingStorage().getSuperblock());
        int offsets = guard(w, sb::getSizeOfOffsets);
        int lengths = guard(w, sb::getSizeOfLengths);
        long base = guard(w, sb::getBaseAddressByte);
        int elem = 4 + offsets + 4; // length, global heap collection address, object index
        LoadLimits.checkConfig(fileName, "HDF5 " + w, count > budget / 4 ? Long.MAX_VALUE : count * 4L); // each string costs >= 4 bytes
        ByteBuffer raw = guard(w, a::getBuffer);
        if (raw == null) return;
        raw = raw.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long total = 0;
        for (long i = 0; i < count; i++) {
            long at = (long) raw.position() + i * elem;
            if (at + elem > raw.limit()) break; // jhdf will find the buffer too short
            long length = Integer.toUnsignedLong(raw.getInt((int) at));
            long address = readSize(raw, (int) at + 4, offsets);
            long index = Integer.toUnsignedLong(raw.getInt((int) at + 4 + offsets));
            total += Math.max(length, heapObjectSize(w, base + address, index, lengths));
            if (total > budget) break;
        }
        LoadLimits.checkConfig(fileName, "HDF5 " + w, total);
    }

    /** The size of object {@code index} of the global heap collection at {@code address} (0 when it cannot be told). */
    private long heapObjectSize(String w, long address, long index, int lengths) {
        if (address < 0 || address > fileSize - 16 || lengths < 2 || lengths > 8) return 0; // jhdf will refuse the address
        int a = (int) address;
        if (bytes[a] != 'G' || bytes[a + 1] != 'C' || bytes[a + 2] != 'O' || bytes[a + 3] != 'L') return 0;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long collection = readSize(b, a + 8, lengths);
        if (collection < 0 || collection > fileSize - address) {
            throw new CorruptFileException(fileName + ": HDF5 " + w + ": the global heap collection at " + address + " declares "
                    + collection + " bytes, past the end of the " + fileSize + "-byte file");
        }
        long end = address + collection;
        long p = address + 8 + lengths;
        int steps = 0;
        while (p + 8 + lengths <= end && steps++ < 1_000_000) {
            int id = (b.get((int) p) & 0xff) | (b.get((int) p + 1) & 0xff) << 8;
            long size = readSize(b, (int) p + 8, lengths);
            if (id == index) return size < 0 ? Long.MAX_VALUE : size;
            if (id == 0 || size < 0 || size > end - p) break; // free space, or a damaged object: jhdf decides
            p += 8 + lengths + ((size + 7) & ~7L);
        }
        return 0;
    }

    private static long readSize(ByteBuffer b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) v = v << 8 | (b.get(at + i) & 0xff);
        return width == 8 && v < 0 ? -1 : v;
    }

    private static String describe(Object data) {
        if (data == null) return "no data";
        if (data.getClass().isArray()) return "an array of " + data.getClass().getComponentType().getSimpleName();
        return "a " + data.getClass().getSimpleName();
    }

    /** The declared shape of the dataset at {@code path}. */
    public int[] datasetShape(String path) {
        Dataset ds = dataset(path, null);
        return guard(path, ds::getDimensions);
    }

    private Dataset dataset(String path, String forWhat) {
        Optional<Node> n = node(path);
        if (n.isEmpty()) {
            throw new WeightMismatchException(fileName + ": HDF5 dataset " + path + " is missing" + (forWhat == null ? "" : " (" + forWhat + ")"));
        }
        if (!(n.get() instanceof Dataset ds)) {
            throw new CorruptFileException(fileName + ": HDF5 " + path + " is not a dataset" + (forWhat == null ? "" : " (" + forWhat + ")"));
        }
        return ds;
    }

    /**
     * Reads a floating-point dataset as a float32 tensor, after checking its type, its declared shape
     * against {@code expected} (-1 entries match anything; null skips the check) and its byte size
     * against the file.
     *
     * @param forWhat what the weight is for, e.g. "weight 'kernel' of layer 'conv2d' (Conv2D)"
     */
    public Tensor readFloats(String path, int[] expected, String forWhat) {
        Dataset ds = dataset(path, forWhat);
        String w = "dataset " + path;
        long[] dims = guard(w, ds::getDimensionsAsLong);
        if (dims == null) throw new CorruptFileException(fileName + ": HDF5 " + w + " has no dataspace");
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new CorruptFileException(fileName + ": HDF5 " + w + " declares dimension " + dims[i] + " (" + forWhat + ")");
            }
            shape[i] = (int) dims[i];
        }
        if (expected != null && !matches(shape, expected)) {
            throw new WeightMismatchException(fileName + ": HDF5 " + w + " has shape " + Shapes.toString(shape)
                    + " but " + forWhat + " should have shape " + Shapes.toString(expected));
        }
        DataType type = guard(w, ds::getDataType);
        if (type instanceof io.jhdf.object.datatype.FixedPoint && shape.length == 0) {
            // an integer scalar (Normalization's adapt 'count'): one value, read as a number
            Object d = guard(w, ds::getData);
            Object v = d != null && d.getClass().isArray() && java.lang.reflect.Array.getLength(d) == 1 ? java.lang.reflect.Array.get(d, 0) : d;
            if (!(v instanceof Number num)) {
                throw new CorruptFileException(fileName + ": HDF5 " + w + " (" + forWhat + ") should hold one integer, found " + v);
            }
            return Tensor.of(new float[] {num.floatValue()}, shape);
        }
        if (!(type instanceof FloatingPoint fp) || (fp.getSize() != 2 && fp.getSize() != 4 && fp.getSize() != 8)) {
            throw new CorruptFileException(fileName + ": HDF5 " + w + " (" + forWhat + ") should hold float16/32/64 values, found "
                    + (type == null ? "no type" : type.getClass().getSimpleName() + " of " + type.getSize() + " bytes"));
        }
        int elem = fp.getSize();
        long count;
        long bytes;
        try {
            count = 1;
            for (long d : dims) count = Math.multiplyExact(count, d);
            bytes = Math.multiplyExact(count, (long) elem);
        } catch (ArithmeticException e) {
            throw new CorruptFileException(fileName + ": HDF5 " + w + " declares an impossible size " + Arrays.toString(dims));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new CorruptFileException(fileName + ": HDF5 " + w + " declares " + count + " values, more than a Java array holds");
        }
        boolean empty = guard(w, ds::isEmpty);
        if (empty && count > 0) {
            throw new CorruptFileException(fileName + ": HDF5 " + w + " (" + forWhat + ") has no data stored");
        }
        if (count == 0) return Tensor.of(new float[0], shape);
        // Every size is checked against the file before the array is allocated: a corrupt
        // dimension must not make the loader allocate gigabytes (found by ReferenceFuzzTest, case 345
        // of conv2d_tensorflow_2.io.h5: a flipped bit declared 2.4 GB in a 10 KB file).
        float[] out;
        if (ds instanceof ContiguousDataset cd) {
            long address = guard(w, cd::getDataAddress);
            long base = guard(w, hdf::getUserBlockSize);
            // The data must lie inside the file, after the superblock (the first 48 bytes at least).
            if (address < 48 || address > fileSize || bytes > fileSize - base - address) {
                throw new CorruptFileException(fileName + ": HDF5 " + w + " (" + forWhat + ") claims " + bytes
                        + " bytes at address " + address + ", outside the file of " + fileSize + " bytes");
            }
            checkHeap(w, forWhat, count * 4);
            ByteBuffer buf = guard(w, cd::getBuffer);
            out = new float[(int) count];
            float[] target = out;
            guard(w, () -> {
                copy(buf, elem, target);
                return null;
            });
        } else {
            // Chunked (maybe compressed) or compact data: let jhdf assemble it, within a sane bound.
            long stored = guard(w, ds::getStorageInBytes);
            if (stored < 0 || stored > fileSize || bytes > Math.multiplyExact(Math.max(stored, 1L), 1100L) + (1L << 20)) {
                throw new CorruptFileException(fileName + ": HDF5 " + w + " (" + forWhat + ") declares " + bytes
                        + " bytes from " + stored + " stored bytes in a file of " + fileSize + " bytes");
            }
            checkHeap(w, forWhat, count * 4 + bytes); // jhdf's array, then the floats
            Object flat = guard(w, ds::getDataFlat);
            out = new float[(int) count];
            fromFlat(w, flat, out);
        }
        return Tensor.of(out, shape);
    }

    /** A dataset that would take more than half the heap is refused before it is read. */
    private void checkHeap(String w, String forWhat, long need) {
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap / 2) {
            throw new org.convscope.keras.LoadLimitException(fileName + ": HDF5 " + w + " (" + forWhat + ") needs " + (need >> 20)
                    + " MiB, more than half of this JVM's " + (heap >> 20) + " MiB maximum heap; this is a memory limit, not a damaged"
                    + " file (raise -Xmx if the file is right)");
        }
    }

    private static boolean matches(int[] shape, int[] expected) {
        if (shape.length != expected.length) return false;
        for (int i = 0; i < shape.length; i++) if (expected[i] >= 0 && expected[i] != shape[i]) return false;
        return true;
    }

    private static void copy(ByteBuffer buf, int elem, float[] out) {
        if (buf.remaining() < (long) out.length * elem) {
            throw new IllegalStateException("buffer holds " + buf.remaining() + " bytes, expected " + (long) out.length * elem);
        }
        switch (elem) {
            case 4 -> buf.asFloatBuffer().get(out);
            case 8 -> {
                var d = buf.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) out[i] = (float) d.get(i);
            }
            default -> {
                var s = buf.asShortBuffer();
                for (int i = 0; i < out.length; i++) out[i] = FloatingPoint.toFloat(s.get(i));
            }
        }
    }

    private void fromFlat(String w, Object flat, float[] out) {
        if (flat instanceof float[] f && f.length == out.length) {
            System.arraycopy(f, 0, out, 0, out.length);
        } else if (flat instanceof double[] d && d.length == out.length) {
            for (int i = 0; i < out.length; i++) out[i] = (float) d[i];
        } else {
            throw new CorruptFileException(fileName + ": HDF5 " + w + " returned " + describe(flat) + " instead of " + out.length + " floats");
        }
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException ignored) {
            // in-memory file: nothing to release
        }
    }
}
