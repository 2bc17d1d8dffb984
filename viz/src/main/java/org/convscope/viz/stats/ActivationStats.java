package org.convscope.viz.stats;

import org.convscope.tensor.Tensor;

/**
 * Summary numbers of one layer's output for one input.
 *
 * @param min          smallest value
 * @param mean         mean value
 * @param max          largest value
 * @param zeroFraction fraction of values {@code <= 0}: after a ReLU these units are off ("dead"
 *                     for this input); before one, the fraction a ReLU would switch off
 * @param deadChannels channels (last axis) whose every value is {@code <= 0}: maps that show nothing
 * @param channels     size of the last axis
 */
public record ActivationStats(float min, float mean, float max, float zeroFraction, int deadChannels, int channels) {

    /**
     * Computes the statistics of a tensor (any rank; channels = the last axis, 1 for a scalar). An
     * empty tensor gives NaN for min, mean, max and zero fraction, and no dead channels.
     *
     * @param t a layer's output (all images of the batch together)
     * @return the statistics
     */
    public static ActivationStats of(Tensor t) {
        float[] d = t.data();
        int c = t.rank() == 0 ? 1 : Math.max(1, t.dim(-1));
        if (d.length == 0) return new ActivationStats(Float.NaN, Float.NaN, Float.NaN, Float.NaN, 0, c);
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        long off = 0;
        boolean[] alive = new boolean[c];
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
            if (v > 0) alive[i % c] = true;
            else off++;
        }
        int dead = 0;
        for (boolean a : alive) if (!a) dead++;
        return new ActivationStats(min, (float) (sum / d.length), max, (float) off / d.length, dead, c);
    }
}
