package org.convscope.grad;

import java.util.List;
import java.util.Map;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * The usual objectives: a filter's mean activation, one neuron, a class score, a weighted sum.
 *
 * <p>Each returned {@link Objective} reads one node and is immutable, so it may be reused across
 * ascent steps and shared by threads. The node name is not checked here: an unknown name fails when
 * the objective is used in {@link Backprop}, and a channel or index out of range fails when the
 * objective first sees the activation.
 */
public final class Objectives {
    private Objectives() {}

    /**
     * The mean activation of channel {@code channel} (last axis) of {@code layer}, over the batch
     * and the spatial positions, leaving out {@code border} rows and columns on each side (keras.io's
     * "visualizing what convnets learn" leaves out 2 to avoid border artifacts). On a rank-2
     * activation (a Dense layer) this is the mean of that unit over the batch; on other ranks than 4
     * the border is ignored and the mean runs over every position of the channel.
     *
     * <p>The gradient is 1/count at every counted position of the channel and 0 elsewhere.
     *
     * @param layer   the node whose output is read
     * @param channel the channel (index on the last axis)
     * @param border  rows and columns left out on each side of a {@code [N, H, W, C]} map, &gt;= 0
     * @return the objective
     * @throws IllegalArgumentException when {@code border} is negative; and, when the objective is
     *                                  evaluated, when the channel is out of range, the activation
     *                                  has rank &lt; 2, or the border leaves nothing of the map
     */
    public static Objective channelMean(String layer, int channel, int border) {
        if (border < 0) throw new IllegalArgumentException("border must be >= 0, got " + border);
        return new SingleNode(layer, "mean of channel " + channel + " of '" + layer + "'" + (border > 0 ? " (border " + border + " left out)" : "")) {
            @Override double value(Tensor a) { return channelSum(a, channel, border, null, 0) / count(a, border, channel); }

            @Override Tensor gradient(Tensor a) {
                Tensor g = Tensor.zeros(a.shape());
                channelSum(a, channel, border, g.data(), 1.0 / count(a, border, channel));
                return g;
            }
        };
    }

    /**
     * The channel mean with no border left out: {@code channelMean(layer, channel, 0)}.
     *
     * @param layer   the node whose output is read
     * @param channel the channel (index on the last axis)
     * @return the objective
     */
    public static Objective channelMean(String layer, int channel) { return channelMean(layer, channel, 0); }

    /**
     * One value of the activation of {@code layer}, at {@code index} (without the batch axis),
     * averaged over the batch. For a classifier's last layer, {@code neuron(layer, k)} is the score
     * of class k.
     *
     * <p>The gradient is 1/N at that position of each of the N batch items and 0 elsewhere.
     *
     * @param layer the node whose output is read
     * @param index the position within one batch item, one index per non-batch axis (copied)
     * @return the objective
     * @throws IllegalArgumentException  when evaluated on an activation whose rank does not match
     *                                   the index
     * @throws IndexOutOfBoundsException when evaluated and the index is out of bounds, naming the axis
     */
    public static Objective neuron(String layer, int... index) {
        int[] idx = index.clone();
        return new SingleNode(layer, "neuron " + java.util.Arrays.toString(idx) + " of '" + layer + "'") {
            @Override double value(Tensor a) {
                double s = 0;
                for (int b = 0; b < a.dim(0); b++) s += a.data()[offset(a, b, idx)];
                return s / a.dim(0);
            }

            @Override Tensor gradient(Tensor a) {
                Tensor g = Tensor.zeros(a.shape());
                for (int b = 0; b < a.dim(0); b++) g.data()[offset(a, b, idx)] = 1f / a.dim(0);
                return g;
            }
        };
    }

    /**
     * The score of class {@code k} in a rank-2 output {@code [N, classes]} (a synonym of
     * {@link #neuron}). For Grad-CAM and saliency, pass the pre-softmax node: the softmax couples the
     * classes and flattens the gradient of a confident prediction.
     *
     * @param layer the node holding the scores
     * @param k     the class index
     * @return the objective
     */
    public static Objective classScore(String layer, int k) { return neuron(layer, k); }

    /**
     * Σ weights·activation, for any weights of the layer's shape (handy for tests and probes). Its
     * gradient is {@code weights} itself.
     *
     * @param layer   the node whose output is read
     * @param weights the weights, with the activation's full shape (batch included); not copied,
     *                so it must not be modified while the objective is in use
     * @return the objective
     * @throws IllegalArgumentException when evaluated on an activation whose shape differs from
     *                                  {@code weights} (both shapes in the message)
     */
    public static Objective weightedSum(String layer, Tensor weights) {
        return new SingleNode(layer, "weighted sum of '" + layer + "'") {
            @Override double value(Tensor a) {
                Shapes.requireSame("weighted sum of '" + layer + "'", weights.shape(), a.shape());
                double s = 0;
                for (int i = 0; i < a.size(); i++) s += (double) weights.data()[i] * a.data()[i];
                return s;
            }

            @Override Tensor gradient(Tensor a) {
                Shapes.requireSame("weighted sum of '" + layer + "'", weights.shape(), a.shape());
                return weights;
            }
        };
    }

    private static int offset(Tensor a, int b, int[] idx) {
        int[] full = new int[idx.length + 1];
        full[0] = b;
        System.arraycopy(idx, 0, full, 1, idx.length);
        return a.offset(full);
    }

    private static void checkChannel(Tensor a, int channel) {
        if (a.rank() < 2) throw new IllegalArgumentException("channel objective needs a rank >= 2 activation, got " + Shapes.toString(a.shape()));
        if (channel < 0 || channel >= a.dim(-1)) {
            throw new IllegalArgumentException("channel " + channel + " out of range: the layer has " + a.dim(-1)
                    + " channels (shape " + Shapes.toString(a.shape()) + ")");
        }
    }

    private static int count(Tensor a, int border, int channel) {
        checkChannel(a, channel);
        int n = a.dim(0);
        if (a.rank() == 4) {
            int h = a.dim(1) - 2 * border, w = a.dim(2) - 2 * border;
            if (h <= 0 || w <= 0) {
                throw new IllegalArgumentException("border " + border + " leaves nothing of a " + a.dim(1) + "x" + a.dim(2) + " map");
            }
            return n * h * w;
        }
        return a.size() / a.dim(-1);
    }

    /** Sum of the channel over the region; when grad != null, also writes {@code scale} into it there. */
    private static double channelSum(Tensor a, int channel, int border, float[] grad, double scale) {
        checkChannel(a, channel);
        float[] x = a.data();
        int c = a.dim(-1);
        double s = 0;
        if (a.rank() == 4) {
            int n = a.dim(0), h = a.dim(1), w = a.dim(2);
            for (int b = 0; b < n; b++) {
                for (int i = border; i < h - border; i++) {
                    for (int j = border; j < w - border; j++) {
                        int o = ((b * h + i) * w + j) * c + channel;
                        s += x[o];
                        if (grad != null) grad[o] = (float) scale;
                    }
                }
            }
        } else {
            for (int o = channel; o < x.length; o += c) {
                s += x[o];
                if (grad != null) grad[o] = (float) scale;
            }
        }
        return s;
    }

    /** An objective of one node. */
    private abstract static class SingleNode implements Objective {
        private final String layer;
        private final String description;

        SingleNode(String layer, String description) {
            this.layer = layer;
            this.description = description;
        }

        abstract double value(Tensor a);

        abstract Tensor gradient(Tensor a);

        @Override public List<String> layers() { return List.of(layer); }

        @Override public double value(Map<String, Tensor> activations) { return value(get(activations)); }

        @Override public Map<String, Tensor> gradient(Map<String, Tensor> activations) { return Map.of(layer, gradient(get(activations))); }

        private Tensor get(Map<String, Tensor> activations) {
            Tensor a = activations.get(layer);
            if (a == null) throw new IllegalArgumentException("objective needs the activation of '" + layer + "'");
            return a;
        }

        @Override public String describe() { return description; }

        @Override public String toString() { return description; }
    }
}
