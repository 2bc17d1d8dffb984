package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.convscope.activation.Relu;
import org.convscope.layers.Add;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Dense;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.Rescaling;
import org.convscope.layers.SingleInputLayer;
import org.convscope.layers.Subtract;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GraphTest {
    private static float[] f(float... v) { return v; }

    /** Test layer: y = x + 1 in a new tensor; counts its calls and reports each output to {@code sink}. */
    static final class Recorder extends SingleInputLayer {
        final AtomicInteger calls = new AtomicInteger();
        final List<WeakReference<Tensor>> sink;

        Recorder(String name, List<WeakReference<Tensor>> sink) {
            super(name);
            this.sink = sink;
        }

        @Override public String kerasClass() { return "Recorder"; }
        @Override public int[] outputShape(int[] in) { return in.clone(); }

        @Override
        public Tensor forward(Tensor x) {
            calls.incrementAndGet();
            float[] y = x.data().clone();
            for (int i = 0; i < y.length; i++) y[i] += 1;
            Tensor t = Tensor.of(y, x.shape());
            if (sink != null) sink.add(new WeakReference<>(t));
            return t;
        }
    }

    /** Test layer: when it runs, collects garbage and notes which of the watched tensors are gone. */
    static final class GcProbe extends SingleInputLayer {
        final List<WeakReference<Tensor>> watched = new ArrayList<>();
        final List<Boolean> freed = new ArrayList<>();

        GcProbe(String name) { super(name); }

        @Override public String kerasClass() { return "GcProbe"; }
        @Override public int[] outputShape(int[] in) { return in.clone(); }

        @Override
        public Tensor forward(Tensor x) {
            // Collect until everything watched is gone or we have tried long enough (a tensor that is
            // still referenced never goes, so this loop ends after ~40 tries in that case).
            for (int i = 0; i < 40 && watched.stream().filter(w -> w.get() != null).count() > 1; i++) {
                System.gc();
                try { Thread.sleep(5); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
            freed.clear();
            for (WeakReference<Tensor> w : watched) freed.add(w.get() == null);
            return x.copy();
        }
    }

    @Test
    void sequentialChain() {
        // Dense 1: x = [[0,1,2],[3,4,5]] · [[0,1],[2,3],[4,5]] + [1, −100] → [[11, −87], [29, −60]] → relu
        // → [[11, 0], [29, 0]]; Dense 2 with kernel [[1],[1]] sums the row → [[11], [29]].
        Graph g = Graph.builder("seq").input("x", -1, 3)
                .then(new Dense("d1", Tensor.arange(3, 2), Tensor.of(f(1, -100), 2), Relu.PLAIN))
                .then(new Dense("d2", Tensor.full(1, 2, 1), null, null))
                .build();
        assertArrayEquals(f(11, 29), g.predict(Tensor.arange(2, 3)).data());
        assertArrayEquals(new int[] {-1, 1}, g.shapeOf("d2"));
        assertEquals(List.of("x"), g.inputNames());
        assertEquals(List.of("d2"), g.outputNames());
        // The intermediate layer's output on request.
        assertArrayEquals(f(11, 0, 29, 0), g.activations(Tensor.arange(2, 3), List.of("d1")).get("d1").data());
        assertEquals(List.of("kernel", "bias", "kernel"), g.weights().stream().map(w -> w.name()).toList());
    }

    @Test
    void functionalBranchMergeAndSharedInput() {
        // a = 2x, b = x + 1, sum = a + b = 3x + 1, cat = [a, sum] on channels, twice = x + x.
        Graph g = Graph.builder("branch").input("x", -1, 2, 2, 1)
                .add(new Rescaling("a", f(2), f(0)), "x")
                .add(new Rescaling("b", f(1), f(1)), "x")
                .add(new Add("sum"), "a", "b")
                .add(new Concatenate("cat", -1), "a", "sum")
                .add(new Add("twice"), "x", "x")
                .outputs("cat", "twice")
                .build();
        Tensor x = Tensor.arange(1, 2, 2, 1);
        Map<String, Tensor> r = g.run(Map.of("x", x), List.of("sum", "cat", "twice"));
        assertEquals(List.of("sum", "cat", "twice"), List.copyOf(r.keySet()));
        assertArrayEquals(f(1, 4, 7, 10), r.get("sum").data());
        assertArrayEquals(f(0, 1, 2, 4, 4, 7, 6, 10), r.get("cat").data());
        assertArrayEquals(new int[] {1, 2, 2, 2}, r.get("cat").shape());
        assertArrayEquals(f(0, 2, 4, 6), r.get("twice").data());
        assertArrayEquals(new int[] {-1, 2, 2, 2}, g.shapeOf("cat"));
    }

    @Test
    void twoInputsTwoOutputs() {
        Graph g = Graph.builder("two").input("p", -1, 2).input("q", -1, 2)
                .add(new Add("sum"), "p", "q")
                .add(new Subtract("diff"), "p", "q")
                .outputs("sum", "diff")
                .build();
        Tensor p = Tensor.of(f(5, 7), 1, 2), q = Tensor.of(f(1, 2), 1, 2);
        Map<String, Tensor> r = g.run(Map.of("p", p, "q", q), g.outputNames());
        assertArrayEquals(f(6, 9), r.get("sum").data());
        assertArrayEquals(f(4, 5), r.get("diff").data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.run(Map.of("p", p), List.of("sum")));
        assertTrue(e.getMessage().contains("needs input 'q'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.run(Map.of("p", p, "q", q, "r", q), List.of("sum")));
        assertTrue(e.getMessage().contains("no input 'r'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.predict(p));
        assertTrue(e.getMessage().contains("2 inputs"), e.getMessage());
        // Only what is asked for is needed: "p" alone is enough for the input node itself.
        assertArrayEquals(f(5, 7), g.run(Map.of("p", p), List.of("p")).get("p").data());
    }

    @Test
    void unknownLayerNameListsTheLayers() {
        Graph g = Graph.builder("m").input("x", -1, 2).then(new Recorder("r1", null)).then(new Recorder("r2", null)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.activations(Tensor.zeros(1, 2), List.of("r3")));
        assertTrue(e.getMessage().contains("'r3'") && e.getMessage().contains("x, r1, r2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.shapeOf("nope"));
        assertTrue(e.getMessage().contains("x, r1, r2"), e.getMessage());
    }

    @Test
    void buildErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("m").input("x", -1, 2).add(new Add("a"), "x").build());
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("two or more"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("m").input("x", -1, 2).input("y", -1, 3).add(new Add("a"), "x", "y").build());
        assertTrue(e.getMessage().contains("layer 'a'") && e.getMessage().contains("(None, 2)") && e.getMessage().contains("(None, 3)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("m").input("x", -1, 2).add(new Recorder("r", null), "ghost").build());
        assertTrue(e.getMessage().contains("unknown layer 'ghost'"), e.getMessage());
    }

    @Test
    void onlyNeededLayersRunAndIntermediatesAreFreed() {
        // x → a → b → c → probe, plus an unused branch. When the probe runs (after c), a's and b's
        // outputs must have been dropped — nobody asked for them and their only consumers have run —
        // while c's output, the probe's own input, is alive.
        GcProbe probe = new GcProbe("probe");
        Recorder a = new Recorder("a", probe.watched), b = new Recorder("b", probe.watched), c = new Recorder("c", probe.watched);
        Recorder unused = new Recorder("unused", null);
        Graph g = Graph.builder("chain").input("x", -1, 2).then(a).then(b).then(c).then(probe).add(unused, "x")
                .outputs("probe").build();
        Tensor x = Tensor.zeros(1, 2);
        assertArrayEquals(f(3, 3), g.predict(x).data());
        assertEquals(List.of(true, true, false), probe.freed, "a and b freed, c (the probe's input) alive");
        assertEquals(0, unused.calls.get(), "a layer nobody needs must not run");

        // Asking for a's output as well keeps it alive through the run.
        probe.watched.clear();
        Map<String, Tensor> r = g.run(Map.of("x", x), List.of("a", "probe"));
        assertEquals(List.of(false, true, false), probe.freed, "a was asked for, so only b is freed");
        assertArrayEquals(f(1, 1), r.get("a").data());
        assertArrayEquals(f(3, 3), r.get("probe").data());
        assertEquals(2, a.calls.get());
    }

    @Test
    void nestedGraphAsALayer() {
        // inner: average over the image, then Dense with kernel [[2]] and bias [1]: y = 2·mean + 1.
        Graph inner = Graph.builder("inner").input("in", -1, -1, -1, 1)
                .then(new GlobalAveragePooling2D("gap", false))
                .then(new Dense("d", Tensor.of(f(2), 1, 1), Tensor.of(f(1), 1), null))
                .build();
        assertArrayEquals(new int[] {-1, 1}, inner.shapeOf("d"));
        Graph outer = Graph.builder("outer").input("x", -1, 4, 4, 1)
                .add(inner, "x")
                .then(new Rescaling("neg", f(-1), f(0)))
                .build();
        // mean of 0..15 = 7.5 → 2·7.5 + 1 = 16 → −16.
        assertArrayEquals(f(-16), outer.predict(Tensor.arange(1, 4, 4, 1)).data());
        assertArrayEquals(new int[] {-1, 1}, outer.shapeOf("inner"));
        assertEquals(List.of("kernel", "bias"), outer.weights().stream().map(w -> w.name()).toList());
        // The outer shapes are pushed through the inner model: a wrong channel count is caught at build.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("bad").input("x", -1, 4, 4, 3).add(inner, "x").build());
        assertTrue(e.getMessage().contains("'inner'") && e.getMessage().contains("(None, 4, 4, 3)"), e.getMessage());
    }
}
