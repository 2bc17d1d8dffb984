package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A loaded model shared by 8 threads: the trained mini-Xception (FER2013) from the fixtures, each
 * thread running {@code predict} and {@code activations} on its own face, must give bit for bit the
 * results of the same calls made one after another. The sequential run is itself checked against
 * the outputs Keras stored for the reference input.
 */
class ConcurrentModelTest {
    static final int THREADS = 8;

    /** Eight different inputs from the reference face: mirrored, shifted, darkened... */
    static List<Tensor> variants(Tensor face) {
        int h = face.dim(1), w = face.dim(2);
        List<Tensor> out = new ArrayList<>();
        for (int v = 0; v < THREADS; v++) {
            Tensor t = Tensor.zeros(face.shape());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = (v & 1) == 1 ? w - 1 - x : x;          // mirror
                    int sy = Math.min(h - 1, y + (v >> 1));          // shift up by 0..3 rows
                    float value = face.get(0, sy, sx, 0) * (1f - 0.1f * (v >> 1));
                    t.set(value, 0, y, x, 0);
                }
            }
            out.add(t);
        }
        return out;
    }

    @Test
    void eightThreadsShareOneLoadedModel() throws Exception {
        KerasModel m = KerasModel.load(Fixtures.file("trained/fer2013_big_XCEPTION.54-0.66.hdf5"));
        String output = m.graph().outputNames().get(0);
        String[] watched = {"conv2d_1", "add_2", output};
        Tensor face;
        Tensor kerasOutput;
        try (IoReference ref = new IoReference(Fixtures.file("trained/fer2013_big_XCEPTION.54-0.66.io.h5"))) {
            face = ref.input();
            kerasOutput = ref.output(output);
        }
        // the sequential run agrees with Keras on the reference face
        Tensor y0 = m.predict(face);
        float err = y0.maxAbsDiff(kerasOutput);
        assertTrue(err < 1e-4f, "predict differs from Keras's stored output by " + err + ": " + y0 + " vs " + kerasOutput);

        List<Tensor> inputs = variants(face);
        List<Map<String, Tensor>> expected = new ArrayList<>();
        List<Tensor> expectedPredict = new ArrayList<>();
        for (Tensor x : inputs) {
            expected.add(m.activations(x, watched));
            expectedPredict.add(m.predict(x));
        }
        for (int i = 1; i < THREADS; i++) {
            assertTrue(expectedPredict.get(i).maxAbsDiff(expectedPredict.get(0)) > 1e-5f, "variant " + i + " gives its own output");
        }

        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    // predict on this thread's input, then the activations of the next thread's
                    int a = thread, b = (thread + 1) % THREADS;
                    String problem = compare(expectedPredict.get(a), m.predict(inputs.get(a)));
                    if (problem != null) return "thread " + thread + ", predict on input " + a + ": " + problem;
                    Map<String, Tensor> got = m.activations(inputs.get(b), watched);
                    for (String layer : watched) {
                        problem = compare(expected.get(b).get(layer), got.get(layer));
                        if (problem != null) return "thread " + thread + ", activations on input " + b + ", layer " + layer + ": " + problem;
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
    }

    /** Null when bit-for-bit equal, else the first differing value and the largest difference. */
    static String compare(Tensor want, Tensor got) {
        if (!Arrays.equals(want.shape(), got.shape())) {
            return "shape " + Arrays.toString(got.shape()) + ", expected " + Arrays.toString(want.shape());
        }
        float[] a = want.data(), b = got.data();
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return "first difference at flat index " + i + ": " + b[i] + ", expected " + a[i] + "; max |difference| " + want.maxAbsDiff(got);
            }
        }
        return null;
    }
}
