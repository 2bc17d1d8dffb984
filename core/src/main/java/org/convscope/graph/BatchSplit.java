package org.convscope.graph;

import java.util.Arrays;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.Gemms;
import org.convscope.layers.Layer;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * When a forward pass on a batch runs its images on separate threads instead of sharing every
 * layer between the threads: each thread then runs whole images with no synchronisation between
 * layers, meant for small models whose layers are too short to split well. The results are bit for
 * bit those of the unsplit pass: every image's values are summed in the same order either way.
 *
 * <p>The engine configuration's {@code batchSplit}: {@code auto} (default) splits a batch of
 * N ≥ 2 into min(N, threads) contiguous parts when the engine has two or more threads and
 * the model's activations are small ({@link #MAX_ACTIVATION_PER_IMAGE}); {@code on} whatever the
 * activations' size; {@code off} never. Measured in round 3
 * (benchmarks/NOTES.md): on a loaded Zen 4 the split runs were within the ±10% run-to-run noise
 * of the unsplit ones, so it started off; on a quiet Xeon the emotion model on two threads ran
 * batches of 4 in 2.20 ms split against 2.59 ms unsplit, and of 16 in 9.24 against 10.82 ms
 * (+15–17% images/s), while convnet_512, whose activations are larger, is never split. A pass
 * that is nested in another (a model used as a layer) or already runs on an engine thread never
 * splits, nor a graph with a layer that mixes images ({@link #perSample}).
 */
final class BatchSplit {
    /**
     * Whether a node's layer computes each image of a batch from that image alone
     * ({@link Layer#perImage}): a graph splits only when every layer does.
     *
     * @param layer a node's layer
     * @param rank  the rank of the node's first input (to resolve negative axes)
     */
    static boolean perSample(Layer layer, int rank) { return layer.perImage(rank); }

    private BatchSplit() {}

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
        EngineConfig.Switch setting = Engine.current().config().batchSplit();
        if (setting == EngineConfig.Switch.OFF || batch < 2 || Gemms.onWorkerThread()) return 1;
        if (setting == EngineConfig.Switch.AUTO && largestPerImage > MAX_ACTIVATION_PER_IMAGE) return 1;
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
