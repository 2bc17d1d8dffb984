package org.convscope.graph;

import java.util.Arrays;
import java.util.Locale;
import org.convscope.gemm.Gemms;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * When a forward pass on a batch runs its images on separate threads instead of sharing every
 * layer between the threads: each thread then runs whole images with no synchronisation between
 * layers, meant for small models whose layers are too short to split well. The results are bit for
 * bit those of the unsplit pass: every image's values are summed in the same order either way.
 *
 * <p>Off by default: {@code -Dconvscope.batchSplit=auto} splits a batch of N ≥ 2 into
 * min(N, threads) contiguous parts when the engine has two or more threads and the model's
 * activations are small ({@link #MAX_ACTIVATION_PER_IMAGE}). Measured in round 3
 * (benchmarks/NOTES.md): once the worker threads spin between layers, sharing every layer
 * scales the small emotion model as well (1.86× on two threads), and the split runs were within
 * the ±10% run-to-run noise of the unsplit ones (+7% in one run, −14% at batch 16 in another), so
 * it is not the default. A pass that is nested in another (a model used as a layer) or already
 * runs on an engine thread never splits.
 */
final class BatchSplit {
    private static volatile boolean enabled = !"off".equals(System.getProperty("convscope.batchSplit", "off").trim().toLowerCase(Locale.ROOT));

    private BatchSplit() {}

    /** For tests: turns splitting on or off; returns the previous setting. */
    static boolean enable(boolean on) {
        boolean old = enabled;
        enabled = on;
        return old;
    }

    /**
     * Largest activation of one image (floats) for which a batch is split: 1 MiB. Measured
     * (benchmarks/NOTES.md, round 3): the emotion model (largest activation 107 K floats) gains
     * 7% at batch 4 on two threads, convnet_512 (8 M floats: two images at once double the memory
     * traffic) loses 8%, where sharing every layer keeps one image's data in the caches.
     */
    static final long MAX_ACTIVATION_PER_IMAGE = 1 << 18;

    /**
     * How many parts to cut a batch of {@code batch} images into (1: don't split).
     *
     * @param largestPerImage the model's largest activation for one image, in floats
     */
    static int parts(int batch, long largestPerImage) {
        if (!enabled || batch < 2 || Gemms.onWorkerThread() || largestPerImage > MAX_ACTIVATION_PER_IMAGE) return 1;
        return Math.min(batch, Gemms.defaultGemm().threads());
    }

    /** Images {@code [from, to)} of a batch-first tensor, copied. */
    static Tensor slice(Tensor t, int from, int to) {
        int[] shape = t.shape();
        int per = Math.toIntExact(Shapes.size(shape) / shape[0]);
        shape[0] = to - from;
        return Tensor.of(Arrays.copyOfRange(t.data(), from * per, to * per), shape);
    }

    /** The parts' tensors one after the other along the batch axis. */
    static Tensor concat(Tensor[] parts) {
        int[] shape = parts[0].shape();
        long total = 0;
        int batch = 0;
        for (Tensor p : parts) {
            total += p.size();
            batch += p.dim(0);
        }
        float[] out = new float[Math.toIntExact(total)];
        int pos = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, out, pos, p.size());
            pos += p.size();
        }
        shape[0] = batch;
        return Tensor.of(out, shape);
    }
}
