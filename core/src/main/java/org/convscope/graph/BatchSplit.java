package org.convscope.graph;

import java.util.Arrays;
import java.util.Locale;
import org.convscope.gemm.Gemms;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.ELU;
import org.convscope.layers.Flatten;
import org.convscope.layers.GlobalPooling2D;
import org.convscope.layers.Identity;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.layers.LeakyReLU;
import org.convscope.layers.Merge;
import org.convscope.layers.PReLU;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.ReLU;
import org.convscope.layers.Rescaling;
import org.convscope.layers.Reshape;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.Softmax;
import org.convscope.layers.ThresholdedReLU;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * When a forward pass on a batch runs its images on separate threads instead of sharing every
 * layer between the threads: each thread then runs whole images with no synchronisation between
 * layers, meant for small models whose layers are too short to split well. The results are bit for
 * bit those of the unsplit pass: every image's values are summed in the same order either way.
 *
 * <p>On by default ({@code -Dconvscope.batchSplit=auto}; {@code off} turns it off): a batch of
 * N ≥ 2 is split into min(N, threads) contiguous parts when the engine has two or more threads and
 * the model's activations are small ({@link #MAX_ACTIVATION_PER_IMAGE}). Measured in round 3
 * (benchmarks/NOTES.md): on a loaded Zen 4 the split runs were within the ±10% run-to-run noise
 * of the unsplit ones, so it started off; on a quiet Xeon the emotion model on two threads ran
 * batches of 4 in 2.20 ms split against 2.59 ms unsplit, and of 16 in 9.24 against 10.82 ms
 * (+15–17% images/s), while convnet_512, whose activations are larger, is never split. A pass
 * that is nested in another (a model used as a layer) or already runs on an engine thread never
 * splits, nor a graph with a layer that mixes images ({@link #perSample}).
 */
final class BatchSplit {
    private static volatile boolean enabled = parse(System.getProperty("convscope.batchSplit", "auto"));

    private static boolean parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "on", "true" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("-Dconvscope.batchSplit must be auto or off, got '" + s + "'");
        };
    }

    /**
     * Whether a layer computes each image of a batch from that image alone, so that a batch may be
     * cut into parts: the layers below, with any axis they take away from the batch axis. Anything
     * else (a nested model, a layer not listed, {@code Softmax(axis=0)}, {@code Concatenate(axis=0)},
     * a BatchNormalization over axis 0) keeps the whole graph unsplit.
     *
     * @param layer a node's layer
     * @param rank  the rank of the node's first input (to resolve negative axes)
     */
    static boolean perSample(Layer layer, int rank) {
        if (layer instanceof Softmax s) return resolve(s.axis(), rank) != 0;
        Boolean op = KerasOpsSplit.perSample(layer, rank);
        if (op != null) return op;
        if (layer instanceof Concatenate c) return resolve(c.axis(), rank) != 0;
        if (layer instanceof BatchNormalization b) return resolve(b.axis(), rank) != 0;
        return layer instanceof InputLayer || layer instanceof Conv2D || layer instanceof DepthwiseConv2D
                || layer instanceof SeparableConv2D || layer instanceof Conv2DTranspose || layer instanceof Dense
                || layer instanceof Pooling2D || layer instanceof GlobalPooling2D || layer instanceof ActivationLayer
                || layer instanceof Merge || layer instanceof Flatten || layer instanceof Reshape
                || layer instanceof ZeroPadding2D || layer instanceof Cropping2D || layer instanceof UpSampling2D
                || layer instanceof Identity || layer instanceof Rescaling || layer instanceof ReLU
                || layer instanceof LeakyReLU || layer instanceof ELU || layer instanceof PReLU
                || layer instanceof ThresholdedReLU;
    }

    private static int resolve(int axis, int rank) { return axis < 0 ? axis + rank : axis; }

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
