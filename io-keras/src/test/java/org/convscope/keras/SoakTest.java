package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The soak test of issue 21 (not in the default run): one loaded model (the trained mini-Xception,
 * FER2013) shared by 8 threads calling {@code predict} and {@code activations} with mixed batch
 * sizes (1 to 13) for {@code convscope.soak.seconds} (the {@code soak} profile; {@code io-keras/run-soak}
 * runs 600 s). Every result must equal, bit for bit, the same call made on one thread before the
 * soak; the used heap after a full GC and the number of live threads must be the same at the end
 * as before (within 32 MiB for the heap). The figures are printed and written to
 * {@code target/soak/soak.md}.
 */
class SoakTest {
    static final int THREADS = 8;
    static final int[] BATCHES = {1, 2, 3, 5, 8, 13};

    /** One call of the soak: a batch and its single-threaded results. */
    private record Case(Tensor input, Tensor predict, Map<String, Tensor> activations) { }

    @Test
    void eightThreadsShareOneModelForMinutesWithFlatHeapAndThreads() throws Exception {
        long seconds = Long.getLong("convscope.soak.seconds", 0);
        assumeTrue(seconds > 0, "the soak runs only with -Dconvscope.soak.seconds=N (io-keras/run-soak)");
        KerasModel m = KerasModel.load(Fixtures.file("trained/fer2013_big_XCEPTION.54-0.66.hdf5"));
        String output = m.graph().outputNames().get(0);
        String[] watched = {"conv2d_1", "add_2", output};
        Tensor face;
        try (IoReference ref = new IoReference(Fixtures.file("trained/fer2013_big_XCEPTION.54-0.66.io.h5"))) {
            face = ref.input();
        }
        List<Tensor> faces = ConcurrentModelTest.variants(face);
        List<Case> cases = new ArrayList<>();
        for (int b : BATCHES) {
            for (int start : new int[] {0, 3}) {
                Tensor x = batch(faces, b, start);
                cases.add(new Case(x, m.predict(x), m.activations(x, watched)));
            }
        }
        Heap before = Heap.settle();
        int threadsBefore = liveThreads();

        AtomicLong predicts = new AtomicLong();
        AtomicLong activations = new AtomicLong();
        AtomicLong images = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final SplittableRandom r = new SplittableRandom(1000 + t);
            workers.add(pool.submit(() -> {
                while (!stop.get() && System.nanoTime() < end) {
                    Case c = cases.get(r.nextInt(cases.size()));
                    String problem;
                    if (r.nextBoolean()) {
                        problem = ConcurrentModelTest.compare(c.predict(), m.predict(c.input()));
                        predicts.incrementAndGet();
                    } else {
                        Map<String, Tensor> got = m.activations(c.input(), watched);
                        problem = null;
                        for (String layer : watched) {
                            String p = ConcurrentModelTest.compare(c.activations().get(layer), got.get(layer));
                            if (p != null) problem = "activations of " + layer + ": " + p;
                        }
                        activations.incrementAndGet();
                    }
                    images.addAndGet(c.input().dim(0));
                    if (problem != null) {
                        problems.add("batch of " + c.input().dim(0) + ": " + problem);
                        stop.set(true);
                    }
                }
                return null;
            }));
        }
        // the used heap after a full GC once a minute while the threads run
        List<String> during = new ArrayList<>();
        for (long next = t0 + TimeUnit.SECONDS.toNanos(60); next < end && !stop.get(); next += TimeUnit.SECONDS.toNanos(60)) {
            while (System.nanoTime() < next && !stop.get()) Thread.sleep(200);
            if (stop.get()) break;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            during.add(String.format("%d s: %.1f MiB", (System.nanoTime() - t0) / 1_000_000_000L, (rt.totalMemory() - rt.freeMemory()) / 1048576.0));
        }
        for (Future<?> f : workers) f.get();
        double took = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the workers stop");
        int threadsAfter = liveThreads();
        for (int i = 0; i < 50 && threadsAfter > threadsBefore; i++) { // a finished worker may take a moment to die
            Thread.sleep(100);
            threadsAfter = liveThreads();
        }
        Heap after = Heap.settle();

        long calls = predicts.get() + activations.get();
        String report = String.format("""
                SOAK %d threads, %.1f s, model %s: %,d calls (%,d predict, %,d activations of %d layers), %,d images, batch sizes %s
                  used heap after full GC: before %.1f MiB, after %.1f MiB (difference %+.1f MiB); during: %s
                  live threads: before %d, after %d; max heap %d MiB; problems: %s
                """, THREADS, took, m.name(), calls, predicts.get(), activations.get(), watched.length, images.get(),
                java.util.Arrays.toString(BATCHES), before.mib(), after.mib(), after.mib() - before.mib(), during,
                threadsBefore, threadsAfter, Runtime.getRuntime().maxMemory() >> 20, problems.isEmpty() ? "none" : problems);
        System.out.print(report);
        Path out = Path.of("target", "soak");
        Files.createDirectories(out);
        Files.writeString(out.resolve("soak.md"), report);
        assertTrue(problems.isEmpty(), "results differ from the single-threaded run: " + problems);
        assertTrue(calls >= THREADS, "every thread made calls: " + calls);
        assertEquals(threadsBefore, threadsAfter, "live threads before and after");
        assertTrue(after.bytes() - before.bytes() < 32L << 20, String.format("the heap grew from %.1f to %.1f MiB", before.mib(), after.mib()));
    }

    /** {@code b} faces from {@code start} on (cycling) as one batch. */
    private static Tensor batch(List<Tensor> faces, int b, int start) {
        int[] shape = faces.get(0).shape();
        int per = faces.get(0).size() / shape[0]; // the first image of each (the reference input is a batch)
        float[] data = new float[b * per];
        for (int i = 0; i < b; i++) System.arraycopy(faces.get((start + i) % faces.size()).data(), 0, data, i * per, per);
        shape[0] = b;
        return Tensor.of(data, shape);
    }

    private static int liveThreads() { return Thread.getAllStackTraces().size(); }

    /** The used heap after full collections, once it stops falling. */
    private record Heap(long bytes) {
        static Heap settle() throws InterruptedException {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(100);
                Runtime rt = Runtime.getRuntime();
                best = Math.min(best, rt.totalMemory() - rt.freeMemory());
            }
            return new Heap(best);
        }

        double mib() { return bytes / 1048576.0; }
    }
}
