package org.convscope.bench.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encodes an {@link OnnxGraph} as an ONNX model file: the protobuf {@code ModelProto} of
 * onnx/onnx.proto, written with protobuf-java's {@link CodedOutputStream} (no generated classes).
 * Field numbers, from onnx.proto:
 * <pre>
 *   ModelProto         ir_version 1, producer_name 2, graph 7, opset_import 8
 *   OperatorSetIdProto domain 1, version 2
 *   GraphProto         node 1, name 2, initializer 5, input 11, output 12
 *   NodeProto          input 1, output 2, name 3, op_type 4, attribute 5
 *   AttributeProto     name 1, f 2, i 3, ints 8, type 20
 *   TensorProto        dims 1, data_type 2 (FLOAT = 1, INT64 = 7), name 8, raw_data 9 (little-endian)
 *   ValueInfoProto     name 1, type 2 → TypeProto tensor_type 1 → elem_type 1, shape 2
 *                      → TensorShapeProto dim 1 → dim_value 1 | dim_param 2
 * </pre>
 */
public final class OnnxWriter {
    /** ONNX IR version 8 (ONNX 1.10+), enough for opset 13. */
    public static final long IR_VERSION = 8;
    /** The default-domain operator set the converter targets. */
    public static final long OPSET = 13;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private OnnxWriter() {}

    /**
     * Writes the model to a file, creating its folder.
     *
     * @param graph the graph
     * @param file  where to write
     */
    public static void write(OnnxGraph graph, Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.write(file, encode(graph));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@return the serialized ModelProto} @param graph the graph */
    public static byte[] encode(OnnxGraph graph) {
        return message(out -> {
            out.writeInt64(1, IR_VERSION);
            out.writeString(2, "convscope");
            out.writeByteArray(7, graph(graph));
            out.writeByteArray(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, OPSET);
            }));
        });
    }

    private static byte[] graph(OnnxGraph g) {
        return message(out -> {
            for (OnnxNode n : g.nodes()) out.writeByteArray(1, node(n));
            out.writeString(2, g.name());
            for (OnnxInitializer t : g.initializers()) out.writeByteArray(5, tensor(t));
            for (OnnxValueInfo v : g.inputs()) out.writeByteArray(11, valueInfo(v));
            for (OnnxValueInfo v : g.outputs()) out.writeByteArray(12, valueInfo(v));
        });
    }

    private static byte[] node(OnnxNode n) {
        return message(out -> {
            for (String s : n.inputs()) out.writeString(1, s);
            for (String s : n.outputs()) out.writeString(2, s);
            out.writeString(3, n.name());
            out.writeString(4, n.opType());
            for (OnnxAttribute a : n.attributes()) out.writeByteArray(5, attribute(a));
        });
    }

    private static byte[] attribute(OnnxAttribute a) {
        return message(out -> {
            out.writeString(1, a.name());
            switch (a.kind()) {
                case OnnxAttribute.FLOAT -> out.writeFloat(2, a.f());
                case OnnxAttribute.INT -> out.writeInt64(3, a.i());
                case OnnxAttribute.INTS -> {
                    for (long v : a.ints()) out.writeInt64(8, v);   // unpacked, as onnx's own writer does
                }
                default -> throw new IllegalArgumentException("attribute kind " + a.kind());
            }
            out.writeEnum(20, a.kind());
        });
    }

    private static byte[] tensor(OnnxInitializer t) {
        return message(out -> {
            for (long d : t.dims()) out.writeInt64(1, d);
            out.writeInt32(2, t.isInt64() ? INT64 : FLOAT);
            out.writeString(8, t.name());
            ByteBuffer raw;
            if (t.isInt64()) {
                raw = ByteBuffer.allocate(8 * t.int64().length).order(ByteOrder.LITTLE_ENDIAN);
                raw.asLongBuffer().put(t.int64());
            } else {
                raw = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                raw.asFloatBuffer().put(t.data());
            }
            out.writeByteArray(9, raw.array());
        });
    }

    private static byte[] valueInfo(OnnxValueInfo v) {
        byte[] shape = message(out -> {
            for (long d : v.dims()) {
                out.writeByteArray(1, message(o -> {
                    if (d >= 0) o.writeInt64(1, d);
                    else o.writeString(2, "N");
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, FLOAT);
            out.writeByteArray(2, shape);
        });
        return message(out -> {
            out.writeString(1, v.name());
            out.writeByteArray(2, message(o -> o.writeByteArray(1, tensorType)));
        });
    }

    /** Writes fields into a fresh buffer. */
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
