package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.convscope.activation.Activations;
import org.convscope.activation.Relu;
import org.convscope.geometry.Padding;
import org.convscope.layers.Add;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * One graph shared by 8 threads: every concurrent {@code predict} / {@code activations} call must
 * give exactly (bit for bit) what the same call gives when the calls run one after another.
 * ({@code predict} fuses conv1 → bn, {@code activations} asks for conv1 and runs it unfused, so the
 * two kinds of call are each compared with their own sequential answer.)
 *
 * <p>The model is a small CNN with a residual branch whose convolutions are big enough to go through
 * the engine's GEMM (and its worker pool, shared by all callers), the depthwise engine, pooling,
 * batch normalisation, a merge, a dense head and softmax. Each thread gets its own input, so a
 * buffer shared by mistake between callers shows up as a wrong answer, not as a lucky equal one.
 */
class ConcurrentGraphTest {
    static final int THREADS = 8, ROUNDS = 3;
    static final List<String> WATCHED = List.of("conv1", "dw", "sep", "add", "gap", "probs");

    static Tensor random(SplittableRandom r, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextDouble(-1, 1) * scale);
        return t;
    }

    static Graph model() {
        SplittableRandom r = new SplittableRandom(20240901);
        int c = 24;
        float[] gamma = new float[c], beta = new float[c], mean = new float[c], var = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = 0.5f + i / 48f; beta[i] = 0.1f * (i % 5) - 0.2f; mean[i] = 0.01f * i; var[i] = 1f + 0.1f * i;
        }
        return Graph.builder("shared").input("image", -1, 40, 40, 3)
                .then(new Conv2D("conv1", random(r, 0.3f, 3, 3, 3, c), random(r, 0.1f, c), new int[]{1, 1}, Padding.SAME,
                        new int[]{1, 1}, 1, null))
                .then(new BatchNormalization("bn", -1, 1e-3f, Tensor.of(gamma, c), Tensor.of(beta, c), Tensor.of(mean, c),
                        Tensor.of(var, c)))
                .then(new DepthwiseConv2D("dw", random(r, 0.3f, 3, 3, c, 1), random(r, 0.1f, c), new int[]{1, 1}, Padding.SAME,
                        new int[]{1, 1}, Relu.PLAIN))
                .then(new SeparableConv2D("sep", random(r, 0.3f, 3, 3, c, 1), random(r, 0.2f, 1, 1, c, c), random(r, 0.1f, c),
                        new int[]{1, 1}, Padding.SAME, new int[]{1, 1}, Relu.PLAIN))
                .add(new Add("add"), "sep", "bn")
                .then(new MaxPooling2D("pool", new int[]{2, 2}, new int[]{2, 2}, Padding.VALID))
                .then(new Conv2D("conv2", random(r, 0.2f, 3, 3, c, 48), random(r, 0.1f, 48), new int[]{1, 1}, Padding.VALID,
                        new int[]{1, 1}, 1, Relu.PLAIN))
                .then(new GlobalAveragePooling2D("gap", false))
                .then(new Dense("probs", random(r, 0.5f, 48, 7), random(r, 0.1f, 7), Activations.get("softmax")))
                .build();
    }

    /** One call a thread makes: predict, or the activations of the watched layers. */
    record Call(int input, boolean predict) {}

    static Map<String, Tensor> run(Graph g, Tensor x, boolean predict) {
        return predict ? Map.of("probs", g.predict(x)) : g.activations(x, WATCHED);
    }

    @Test
    void eightThreadsSeeExactlyTheSequentialResults() throws Exception {
        Graph g = model();
        SplittableRandom r = new SplittableRandom(7);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) inputs.add(random(r, 1f, 2, 40, 40, 3));
        List<Tensor> snapshots = inputs.stream().map(Tensor::copy).toList();

        // the sequential answers, and a check that they are worth comparing
        // (predict may run conv1 → bn fused while activations, which asks for conv1, cannot: the two
        // kinds of call agree to float rounding, and each must be reproduced bit for bit)
        List<Map<String, Tensor>> expected = new ArrayList<>(), expectedPredict = new ArrayList<>();
        for (Tensor x : inputs) expected.add(run(g, x, false));
        for (Tensor x : inputs) expectedPredict.add(run(g, x, true));
        for (int i = 0; i < THREADS; i++) {
            Tensor p = expected.get(i).get("probs");
            assertEquals(List.of(2, 7), List.of(p.dim(0), p.dim(1)));
            for (int b = 0; b < 2; b++) {
                double sum = 0;
                for (int k = 0; k < 7; k++) sum += p.get(b, k);
                assertEquals(1.0, sum, 1e-5, "softmax row sums to 1");
            }
            if (i > 0) assertTrue(p.maxAbsDiff(expected.get(0).get("probs")) > 1e-4f, "different inputs give different outputs");
            float diff = p.maxAbsDiff(expectedPredict.get(i).get("probs"));
            assertTrue(diff <= 1e-6f, "sequential predict (fused) vs activations (unfused), input " + i + ": max |difference| " + diff);
            assertExactlyEqual("sequential predict twice, input " + i, expectedPredict.get(i).get("probs"), g.predict(inputs.get(i)));
        }

        // every thread: ROUNDS rounds over all inputs (starting at its own), alternating predict and activations
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int j = 0; j < THREADS; j += 3) {
                            Call call = new Call((thread + j) % THREADS, (thread + round + j) % 2 == 0);
                            Map<String, Tensor> got = run(g, inputs.get(call.input()), call.predict());
                            for (var e : got.entrySet()) {
                                String where = "thread " + thread + ", round " + round + ", input " + call.input() + ", "
                                        + (call.predict() ? "predict" : "activations") + ", layer " + e.getKey();
                                Map<String, Tensor> want = (call.predict() ? expectedPredict : expected).get(call.input());
                                String problem = compare(want.get(e.getKey()), e.getValue());
                                if (problem != null) return where + ": " + problem;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<String> f : results) {
                String problem = f.get();
                if (problem != null) fail(problem);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < THREADS; i++) assertExactlyEqual("input " + i + " unchanged by the runs", snapshots.get(i), inputs.get(i));
    }

    static void assertExactlyEqual(String what, Tensor want, Tensor got) {
        String problem = compare(want, got);
        if (problem != null) fail(what + ": " + problem);
    }

    /** Null when bit-for-bit equal, else the first differing value and the largest difference. */
    static String compare(Tensor want, Tensor got) {
        if (!java.util.Arrays.equals(want.shape(), got.shape())) {
            return "shape " + java.util.Arrays.toString(got.shape()) + ", expected " + java.util.Arrays.toString(want.shape());
        }
        float[] a = want.data(), b = got.data();
        int first = -1, count = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                if (first < 0) first = i;
                count++;
            }
        }
        if (first < 0) return null;
        return count + " of " + a.length + " values differ; first at flat index " + first + ": " + b[first] + ", expected "
                + a[first] + "; max |difference| " + want.maxAbsDiff(got);
    }
}
