package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.convscope.grad.Backprop;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Errors from running a graph name the model and the input or layer, whatever went wrong. */
class GraphErrorsTest {
    private static void names(IllegalArgumentException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
    }

    /** Test layer whose forward throws what it is given (as a buggy or overflowing layer would). */
    static final class Boom extends SingleInputLayer {
        private final Supplier<RuntimeException> failure;

        Boom(String name, Supplier<RuntimeException> failure) {
            super(name);
            this.failure = failure;
        }

        @Override public String kerasClass() { return "Boom"; }
        @Override public int[] outputShape(int[] in) { return in.clone(); }
        @Override public Tensor forward(Tensor x) { throw failure.get(); }
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

    @Test
    void runtimeFailuresInsideALayerNameTheLayerAndKeepTheCause() {
        List<RuntimeException> failures = List.of(new ArithmeticException("integer overflow"),
                new ArrayIndexOutOfBoundsException("Index 10 out of bounds for length 10"),
                new NegativeArraySizeException("-4"), new IllegalArgumentException("bad shape"));
        for (RuntimeException f : failures) {
            Graph g = Graph.builder("m").input("x", -1, 2).then(new Boom("boom", () -> f)).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.predict(Tensor.zeros(1, 2)), f.toString());
            names(e, "model 'm', layer 'boom' (Boom)", f.getMessage());
            if (!(f instanceof IllegalArgumentException)) names(e, f.getClass().getSimpleName());
            assertSame(f, e.getCause());
            // the gradient's forward pass reports it the same way
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> Backprop.vjp(g, Map.of("x", Tensor.zeros(1, 2)), Map.of("boom", Tensor.zeros(1, 2)), List.of()));
            names(b, "model 'm', layer 'boom' (Boom)", f.getMessage());
            assertSame(f, b.getCause());
        }
    }

    @Test
    void anOverflowWhileComputingShapesNamesTheLayer() {
        ArithmeticException overflow = new ArithmeticException("integer overflow");
        SingleInputLayer huge = new SingleInputLayer("huge") {
            @Override public String kerasClass() { return "Huge"; }
            @Override public int[] outputShape(int[] in) { throw overflow; }
            @Override public Tensor forward(Tensor x) { return x; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("m").input("x", -1, 2).then(huge).build());
        names(e, "model 'm', layer 'huge' (Huge)", "ArithmeticException", "integer overflow");
        assertSame(overflow, e.getCause());
    }
}
