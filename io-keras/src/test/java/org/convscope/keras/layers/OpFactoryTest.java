package org.convscope.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.activation.Gelu;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.keras.UnsupportedLayerException;
import org.convscope.keras.config.ConfigParser;
import org.convscope.keras.config.LayerSpec;
import org.convscope.layers.BinaryOp;
import org.convscope.layers.Layer;
import org.convscope.layers.Multiply;
import org.convscope.layers.OpLayer;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Op node forms the fixtures do not hold, read from Keras 3 configs written the way Keras writes them. */
class OpFactoryTest {
    private static final String T = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 4, 4, 3], \"keras_history\": [\"in\", 0, 0]}}";
    private static final String U = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 3], \"keras_history\": [\"v\", 0, 0]}}";

    /** One op node (module keras.src.ops.*) of a functional config, parsed as the loader parses it. */
    private static LayerSpec op(String module, String cls, String config, String args) {
        String json = """
                {"module": "keras", "class_name": "Functional", "config": {"name": "f", "input_layers": [["in", 0, 0]],
                 "output_layers": [["o", 0, 0]], "layers": [
                  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4, 4, 3], "name": "in"}, "name": "in", "inbound_nodes": []},
                  {"module": "%s", "class_name": "%s", "config": %s, "registered_name": "%s", "name": "o", "inbound_nodes": [{"args": %s, "kwargs": {}}]}]}}"""
                .formatted(module, cls, config, cls, args);
        return new ConfigParser("t.keras").parseModel(json, "config.json").layers().get(1);
    }

    private static Layer create(LayerSpec spec, int[]... shapes) {
        assertTrue(spec.isOp(), spec.describe());
        return new OpFactory("t.keras").create(spec, 0, List.of(shapes));
    }

    @Test
    void formsBeyondTheFixtures() {
        int[] x = {-1, 4, 4, 3};
        // keras.ops.gelu defaults to the tanh approximation; the config records it
        OpLayer g = (OpLayer) create(op("keras.src.ops.nn", "Gelu", "{\"name\": \"o\", \"approximate\": true}", "[" + T + "]"), x);
        assertEquals(Gelu.APPROXIMATE, g.activation());
        g = (OpLayer) create(op("keras.src.ops.nn", "Gelu", "{\"name\": \"o\", \"approximate\": false}", "[" + T + "]"), x);
        assertEquals(Gelu.EXACT, g.activation());
        OpLayer sm = (OpLayer) create(op("keras.src.ops.nn", "Softmax", "{\"name\": \"o\", \"axis\": 1}", "[" + T + "]"), x);
        assertEquals(new SoftmaxActivation(1, false), sm.activation());
        // 1.0 - x, and an int constant
        OpLayer sub = (OpLayer) create(op("keras.src.ops.numpy", "Subtract", "{\"name\": \"o\"}", "[1.0, " + T + "]"), x);
        assertEquals(new ScalarArithmetic(ScalarArithmetic.Op.SUBTRACT, 1f, true), sub.activation());
        OpLayer pow = (OpLayer) create(op("keras.src.ops.numpy", "Power", "{\"name\": \"o\"}", "[" + T + ", 2]"), x);
        assertArrayEquals(new float[] {9f}, pow.forward(Tensor.of(new float[] {3f}, 1, 1)).data());
        // tensors of the same rank use the merge layer; of different ranks, NumPy's alignment
        assertTrue(create(op("keras.src.ops.numpy", "Multiply", "{\"name\": \"o\"}", "[" + T + ", " + T + "]"), x, x) instanceof Multiply);
        Layer mixed = create(op("keras.src.ops.numpy", "Multiply", "{\"name\": \"o\"}", "[" + T + ", " + U + "]"), x, new int[] {-1, 3});
        assertTrue(mixed instanceof BinaryOp);
        // cast to float32 is a no-op; to an integer type it is refused, naming the op
        assertEquals("linear", ((OpLayer) create(op("keras.src.ops.core", "Cast", "{\"name\": \"o\", \"dtype\": \"float32\"}", "[" + T + "]"), x))
                .activation().name());
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> create(op("keras.src.ops.core", "Cast", "{\"name\": \"o\", \"dtype\": \"int32\"}", "[" + T + "]"), x));
        assertTrue(e.getMessage().contains("Keras op node 'o' = keras.src.ops.core.Cast") && e.getMessage().contains("int32"), e.getMessage());
        e = assertThrows(UnsupportedLayerException.class,
                () -> create(op("keras.src.ops.numpy", "GetItem", "{\"name\": \"o\"}", "[" + T + ", {\"class_name\": \"__slice__\"}]"), x));
        assertTrue(e.getMessage().contains("keras.src.ops.numpy.GetItem") && e.getMessage().contains("tensor(in)")
                && e.getMessage().contains("supported ops:"), e.getMessage());
    }
}
