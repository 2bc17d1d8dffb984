package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.convscope.activation.Activations;
import org.convscope.activation.Relu;
import org.convscope.engine.EngineConfig;
import org.convscope.geometry.Padding;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Add;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.Flatten;
import org.convscope.layers.Layer;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The graph's use of {@link ActivationArena}s: intermediates are recycled, but never while a later
 * layer or the caller still reads them, and concurrent calls never share an arena. (The surefire
 * configuration poisons every recycled array with NaN, so a premature reuse shows as NaN or as a
 * changed value, never as a lucky equal one.)
 */
class ArenaGraphTest {
    private static final int[] ONE = {1, 1};
    // these tests look at one pass and its arena: batches stay in one piece (BatchSplitTest covers parts)
    private static final EngineConfig WHOLE_BATCHES = EngineConfig.global().withBatchSplit(EngineConfig.Switch.OFF);

    private static Tensor rnd(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextDouble(-1, 1);
        return t;
    }

    /** conv1 → pool → conv2 (+ skip from pool) → add → flatten → tanh (+ flatten) → add2 → dense; flatten shares add's array. */
    private static Graph model(Layer probe) {
        SplittableRandom r = new SplittableRandom(11);
        GraphBuilder b = Graph.builder("arena").input("image", -1, 16, 16, 3)
                .then(new Conv2D("conv1", rnd(r, 3, 3, 3, 8), rnd(r, 8), ONE, Padding.SAME, ONE, 1, Relu.PLAIN))
                .then(new MaxPooling2D("pool", new int[]{2, 2}, new int[]{2, 2}, Padding.VALID))
                .then(new Conv2D("conv2", rnd(r, 3, 3, 8, 8), rnd(r, 8), ONE, Padding.SAME, ONE, 1, Relu.PLAIN))
                .add(new Add("add"), "conv2", "pool");
        if (probe != null) b.then(probe);
        // relu2 asks for an array of flat's size while flat is still to be read by add2: a premature
        // give-back of add's array would hand it to relu2, which would overwrite flat
        return b.then(new Flatten("flat"))
                .then(new ActivationLayer("relu2", Activations.get("tanh")))
                .add(new Add("add2"), "relu2", "flat")
                .then(new Dense("dense", rnd(r, 8 * 8 * 8, 5), rnd(r, 5), null))
                .build().withConfig(WHOLE_BATCHES);
    }

    /** The same computation layer by layer, outside any arena. */
    private static Map<String, Tensor> byHand(Graph g, Tensor x) {
        Tensor c1 = g.node("conv1").layer().forward(List.of(x));
        Tensor p = g.node("pool").layer().forward(List.of(c1));
        Tensor c2 = g.node("conv2").layer().forward(List.of(p));
        Tensor add = g.node("add").layer().forward(List.of(c2, p));
        Tensor flat = g.node("flat").layer().forward(List.of(add));
        Tensor relu2 = g.node("relu2").layer().forward(List.of(flat));
        Tensor add2 = g.node("add2").layer().forward(List.of(relu2, flat));
        return Map.of("conv1", c1, "pool", p, "conv2", c2, "add", add, "flat", flat,
                "dense", g.node("dense").layer().forward(List.of(add2)));
    }

    @Test
    void aWarmPredictAllocatesOnlyItsOutput() {
        Graph g = model(null);
        Tensor x = rnd(new SplittableRandom(1), 1, 16, 16, 3);
        g.predict(x);
        g.predict(x);
        ActivationArena arena = g.arenaPool().idleArenas().get(0);
        long allocated = arena.allocatedCount(), reused = arena.reusedCount();
        Tensor y = g.predict(x);
        assertEquals(1, arena.allocatedCount() - allocated, "a warm call allocates exactly one array: the returned output");
        assertTrue(arena.reusedCount() - reused >= 6, "conv1, pool, conv2, add, relu2 and add2 come from the free lists");
        assertArrayEquals(byHand(g, x).get("dense").data(), y.data());
    }

    @Test
    void returnedTensorsAreNeverReusedOrChanged() {
        Graph g = model(null);
        SplittableRandom r = new SplittableRandom(2);
        List<String> asked = List.of("conv1", "add", "flat", "dense");   // flat shares add's array
        List<Map<String, Tensor>> results = new ArrayList<>();
        List<Map<String, Tensor>> expected = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            Tensor x = rnd(r, 1 + call % 2, 16, 16, 3);
            results.add(call % 3 == 0 ? Map.of("dense", g.predict(x)) : g.activations(x, asked));
            expected.add(byHand(g, x));
        }
        Set<float[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int call = 0; call < results.size(); call++) {
            for (var e : results.get(call).entrySet()) {
                assertArrayEquals(expected.get(call).get(e.getKey()).data(), e.getValue().data(),
                        "call " + call + ", layer " + e.getKey() + ": changed after later calls");
                if (!e.getKey().equals("flat")) assertTrue(arrays.add(e.getValue().data()), "call " + call + ", " + e.getKey() + ": an array handed out twice");
            }
            if (results.get(call).containsKey("flat")) {
                assertTrue(results.get(call).get("flat").data() == results.get(call).get("add").data(), "Flatten is a view");
            }
        }
    }

    @Test
    void anIntermediateStaysWhileAViewOfItIsStillRead() {
        // flat is a view of add's array; add is dropped after flat runs, but flat is still read by
        // relu2 and add2: the array must not go back before add2 has run
        Graph g = model(null);
        Tensor x = rnd(new SplittableRandom(3), 2, 16, 16, 3);
        for (int i = 0; i < 3; i++) assertArrayEquals(byHand(g, x).get("dense").data(), g.predict(x).data());
    }

    @Test
    void concurrentCallsNeverShareAnArena() throws Exception {
        CyclicBarrier inside = new CyclicBarrier(2);
        List<ActivationArena> seen = Collections.synchronizedList(new ArrayList<>());
        Layer probe = new SingleInputLayer("probe") {
            @Override public String kerasClass() { return "Probe"; }
            @Override public int[] outputShape(int[] in) { return in.clone(); }
            @Override public Tensor forward(Tensor in) {
                seen.add(ActivationArena.current());
                try {
                    inside.await(10, TimeUnit.SECONDS);     // both calls are in flight at once
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return in;
            }
        };
        Graph g = model(probe);
        Tensor x = rnd(new SplittableRandom(4), 1, 16, 16, 3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Tensor> a = pool.submit(() -> g.predict(x));
            Future<Tensor> b = pool.submit(() -> g.predict(x));
            assertArrayEquals(a.get().data(), b.get().data());
            assertNotSame(a.get().data(), b.get().data());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, seen.size());
        assertNotNull(seen.get(0));
        assertNotSame(seen.get(0), seen.get(1), "two calls in flight at once ran with one arena");
    }

    @Test
    void aFailedCallLeavesTheNextOnesCorrect() {
        Graph g = model(null);
        Tensor good = rnd(new SplittableRandom(5), 1, 16, 16, 3);
        Tensor want = g.predict(good);
        assertThrows(IllegalArgumentException.class, () -> g.predict(Tensor.zeros(1, 16, 16, 4)));
        for (int i = 0; i < 3; i++) assertArrayEquals(want.data(), g.predict(good).data());
    }
}
