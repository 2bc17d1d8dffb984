package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Errors from building and running a graph name the model and the input. */
class GraphErrorsTest {
    private static void names(IllegalArgumentException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
    }

    @Test
    void aNullInputTensorIsNamed() {
        Graph g = Graph.builder("m").input("x", -1, 2).outputs("x").build();
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put("x", null);
        names(assertThrows(IllegalArgumentException.class, () -> g.run(feeds, List.of("x"))), "model 'm'", "input 'x'", "null");
        names(assertThrows(IllegalArgumentException.class, () -> g.predict(null)), "model 'm'", "input 'x'", "null");
        names(assertThrows(IllegalArgumentException.class, () -> g.activations(null, List.of("x"))), "model 'm'", "input 'x'", "null");
        names(assertThrows(IllegalArgumentException.class, () -> Graph.builder("m2").input("img", (int[]) null)),
                "model 'm2'", "input 'img'", "shape");
    }
}
