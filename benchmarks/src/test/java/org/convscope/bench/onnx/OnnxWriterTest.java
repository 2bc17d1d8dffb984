package org.convscope.bench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The ONNX writer's wire format, decoded back with protobuf's CodedInputStream, and the converter's refusals. */
class OnnxWriterTest {
    /** Field number → raw values (varints as Long, length-delimited as byte[]), in order. */
    private static List<Object[]> fields(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        List<Object[]> out = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            Object v = switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> in.readInt64();
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readByteArray();
                case WireFormat.WIRETYPE_FIXED32 -> in.readFloat();
                default -> throw new IllegalStateException("wire type " + tag);
            };
            out.add(new Object[] {field, v});
        }
        return out;
    }

    private static Object one(List<Object[]> fields, int field) {
        return fields.stream().filter(f -> (int) f[0] == field).findFirst().orElseThrow()[1];
    }

    private static List<Object> all(List<Object[]> fields, int field) {
        return fields.stream().filter(f -> (int) f[0] == field).map(f -> f[1]).toList();
    }

    @Test
    void modelProtoFieldsDecode() throws IOException {
        OnnxGraph g = new OnnxGraph("g",
                List.of(OnnxNode.of("y", "Conv", List.of("x", "w"), OnnxAttribute.ints("pads", 0, 1, 1, 2),
                        OnnxAttribute.of("group", 3L), OnnxAttribute.of("epsilon", 0.5f))),
                List.of(new OnnxInitializer("w", new long[] {2, 1}, new float[] {1.5f, -2f})),
                List.of(new OnnxValueInfo("x", new long[] {-1, 3})), List.of(new OnnxValueInfo("y", new long[] {-1, 2})));
        List<Object[]> model = fields(OnnxWriter.encode(g));
        assertEquals(OnnxWriter.IR_VERSION, one(model, 1));
        assertEquals("convscope", new String((byte[]) one(model, 2)));
        assertEquals(OnnxWriter.OPSET, one(fields((byte[]) one(model, 8)), 2));
        List<Object[]> graph = fields((byte[]) one(model, 7));
        assertEquals("g", new String((byte[]) one(graph, 2)));

        List<Object[]> node = fields((byte[]) one(graph, 1));
        assertEquals(List.of("x", "w"), all(node, 1).stream().map(b -> new String((byte[]) b)).toList());
        assertEquals("y", new String((byte[]) one(node, 2)));
        assertEquals("Conv", new String((byte[]) one(node, 4)));
        List<Object> attrs = all(node, 5);
        List<Object[]> pads = fields((byte[]) attrs.get(0));
        assertEquals("pads", new String((byte[]) one(pads, 1)));
        assertEquals(List.of(0L, 1L, 1L, 2L), all(pads, 8));
        assertEquals((long) OnnxAttribute.INTS, one(pads, 20));
        assertEquals(3L, one(fields((byte[]) attrs.get(1)), 3));
        assertEquals(0.5f, one(fields((byte[]) attrs.get(2)), 2));

        List<Object[]> tensor = fields((byte[]) one(graph, 5));
        assertEquals(List.of(2L, 1L), all(tensor, 1));
        assertEquals(1L, one(tensor, 2));
        assertEquals("w", new String((byte[]) one(tensor, 8)));
        ByteBuffer raw = ByteBuffer.wrap((byte[]) one(tensor, 9)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, raw.getFloat());
        assertEquals(-2f, raw.getFloat());

        // input x: ValueInfo{name 1, type 2 → tensor_type 1 → {elem_type 1, shape 2 → dim 1 → dim_param 2 | dim_value 1}}
        List<Object[]> input = fields((byte[]) one(graph, 11));
        assertEquals("x", new String((byte[]) one(input, 1)));
        List<Object[]> tensorType = fields((byte[]) one(fields((byte[]) one(input, 2)), 1));
        assertEquals(1L, one(tensorType, 1));
        List<Object> dims = all(fields((byte[]) one(tensorType, 2)), 1);
        assertEquals("N", new String((byte[]) one(fields((byte[]) dims.get(0)), 2)));
        assertEquals(3L, one(fields((byte[]) dims.get(1)), 1));
        assertEquals("y", new String((byte[]) one(fields((byte[]) one(graph, 12)), 1)));
    }

    @Test
    void kernelsAreTransposedAndSamePaddingSplitsLikeTensorFlow() {
        Tensor k = Tensor.arange(2, 3, 4, 5);   // (kh, kw, cin, cout)
        float[] w = KerasToOnnx.convKernelData(k);
        assertArrayEquals(new long[] {5, 4, 2, 3}, KerasToOnnx.convKernelDims(k));
        // ONNX (o, c, y, x) = Keras (y, x, c, o)
        assertEquals(k.get(1, 2, 3, 4), w[((4 * 4 + 3) * 2 + 1) * 3 + 2]);
        Tensor dw = Tensor.arange(3, 3, 2, 2);   // (kh, kw, cin, mult)
        assertEquals(dw.get(2, 1, 1, 0), KerasToOnnx.depthwiseData(dw)[((1 * 2 + 0) * 3 + 2) * 3 + 1]);
        // 'same', 3x3 stride 2 on 64: out 32, total pad 1 → 0 top/left, 1 bottom/right
        assertArrayEquals(new long[] {0, 0, 1, 1}, KerasToOnnx.pads(new int[] {1, 64, 64, 8}, new int[] {3, 3},
                new int[] {2, 2}, new int[] {1, 1}, Padding.SAME));
        assertArrayEquals(new long[] {1, 1, 1, 1}, KerasToOnnx.pads(new int[] {1, 64, 64, 8}, new int[] {3, 3},
                new int[] {1, 1}, new int[] {1, 1}, Padding.SAME));
    }

    @Test
    void unsupportedLayerIsNamed() {
        Graph g = Graph.builder("t").input("in", -1, 8, 8, 2)
                .then(new Conv2DTranspose("up", Tensor.zeros(3, 3, 4, 2), null, new int[] {2, 2}, Padding.SAME,
                        new int[] {1, 1}, null, null))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KerasToOnnx.convert(g));
        assertTrue(e.getMessage().contains("'up'") && e.getMessage().contains("Conv2DTranspose"), e.getMessage());
    }
}
