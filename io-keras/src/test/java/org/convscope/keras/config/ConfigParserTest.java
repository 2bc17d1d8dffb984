package org.convscope.keras.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.keras.InvalidConfigException;
import org.junit.jupiter.api.Test;

/** The three generations of model_config JSON parse into the same spec. */
class ConfigParserTest {
    private final ConfigParser p = new ConfigParser("test.json");

    @Test
    void keras21SequentialIsABareListWithBatchInputShapeOnTheFirstLayer() {
        ModelSpec m = p.parseModel("""
                {"class_name": "Sequential", "config": [
                  {"class_name": "Conv2D", "config": {"name": "conv2d_1", "filters": 1, "kernel_size": [3, 3], "batch_input_shape": [null, 10, 10, 3]}},
                  {"class_name": "Flatten", "config": {"name": "flatten_1"}}]}""", "model_config");
        assertTrue(m.sequential());
        assertEquals(List.of("conv2d_1_input", "conv2d_1", "flatten_1"), m.layers().stream().map(LayerSpec::name).toList());
        assertEquals(List.of("conv2d_1", "flatten_1"), m.modelLayers().stream().map(LayerSpec::name).toList());
        assertArrayEquals(new int[] {-1, 10, 10, 3}, p.inputShape(m.layers().get(0)));
        assertEquals(List.of(List.of(new TensorRef("conv2d_1", 0, 0))), m.layers().get(2).inboundNodes());
        assertEquals(List.of(new TensorRef("flatten_1", 0, 0)), m.outputs());
    }

    @Test
    void keras2FunctionalInboundNodesAreNestedLists() {
        ModelSpec m = p.parseModel("""
                {"class_name": "Model", "config": {"name": "model_1", "input_layers": [["input_1", 0, 0]],
                 "output_layers": [["add_1", 0, 0]], "layers": [
                  {"name": "input_1", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 4, 2], "name": "input_1"}, "inbound_nodes": []},
                  {"name": "a", "class_name": "Activation", "config": {"name": "a", "activation": "relu"}, "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                  {"name": "add_1", "class_name": "Add", "config": {"name": "add_1"}, "inbound_nodes": [[["input_1", 0, 0, {}], ["a", 0, 0, {}]]]}]}}""",
                "model_config");
        assertEquals(List.of(new TensorRef("input_1", 0, 0), new TensorRef("a", 0, 0)), m.layers().get(2).inboundNodes().get(0));
        assertEquals(List.of(new TensorRef("input_1", 0, 0)), m.inputs());
    }

    @Test
    void keras3InboundNodesAreArgsWithKerasTensors() {
        ModelSpec m = p.parseModel("""
                {"module": "keras", "class_name": "Functional", "config": {"name": "f", "input_layers": ["in", 0, 0],
                 "output_layers": [["cat", 0, 0], ["r", 1, 0]], "layers": [
                  {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}, "name": "in", "inbound_nodes": []},
                  {"module": "keras.layers", "class_name": "ReLU", "config": {"name": "r"}, "name": "r", "inbound_nodes": [
                    {"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 3], "keras_history": ["in", 0, 0]}}], "kwargs": {}},
                    {"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 3], "keras_history": ["r", 0, 0]}}], "kwargs": {"mask": null}}]},
                  {"module": "keras.layers", "class_name": "Concatenate", "config": {"name": "cat", "axis": -1}, "name": "cat", "inbound_nodes": [
                    {"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["r", 0, 0]}},
                               {"class_name": "__keras_tensor__", "config": {"keras_history": ["r", 1, 0]}}]], "kwargs": {}}]}]}}""",
                "config.json");
        assertEquals(List.of(new TensorRef("in", 0, 0)), m.inputs());
        assertEquals(List.of(new TensorRef("cat", 0, 0), new TensorRef("r", 1, 0)), m.outputs());
        assertEquals(2, m.layers().get(1).inboundNodes().size(), "a shared layer has one inbound node per application");
        assertEquals(List.of(new TensorRef("r", 0, 0), new TensorRef("r", 1, 0)), m.layers().get(2).inboundNodes().get(0));
        assertEquals("keras.layers", m.layers().get(1).module());
    }

    @Test
    void badConfigsNameTheFileAndWhatWasExpected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> p.parseModel("{\"class_name\": \"Dense\", \"config\": {}}", "model_config"));
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains("Sequential, Functional or Model"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> p.parseModel("""
                {"class_name": "Model", "config": {"name": "m", "input_layers": [["x", "zero", 0]], "output_layers": [], "layers": []}}""", "cfg"));
        assertTrue(e.getMessage().contains("[layer name, node index, tensor index]"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> p.parseModel("[1, 2]", "cfg"));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        e = assertThrows(InvalidConfigException.class, () -> p.parseModel("{\"a\": " + deep + "}", "cfg"));
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    }

    @Test
    void kerasVersionMajor() {
        assertEquals(2, KerasVersion.of("2.1.3").major());
        assertTrue(KerasVersion.of("3.15.1").isKeras3());
        assertEquals(0, KerasVersion.of("b'2.0.5'").major());
    }
}
