package org.convscope.example.spark;

import java.util.Locale;
import org.convscope.tensor.Tensor;

/**
 * Turns one image's activations of a layer into a vector: {@code [N, H, W, C]} maps are pooled over
 * H and W per channel (mean or max, the way {@code GlobalAveragePooling2D} / {@code GlobalMaxPooling2D}
 * would), {@code [N, C]} rows are taken as they are, any other shape is flattened per image.
 */
public enum ActivationPooling {
    /** Mean over the spatial positions (accumulated in double, positions in row-major order). */
    AVG,
    /** Maximum over the spatial positions. */
    MAX;

    /**
     * Parses {@code avg} / {@code max}, any case.
     *
     * @param s the name
     * @return the pooling
     */
    public static ActivationPooling parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "avg", "mean", "average" -> AVG;
            case "max" -> MAX;
            default -> throw new IllegalArgumentException("--pool must be avg or max, got '" + s + "'");
        };
    }

    /**
     * The vector of one batch item.
     *
     * @param activations a layer's output for a batch, batch first
     * @param item        the batch index
     * @return the pooled vector (a new array)
     */
    public float[] pool(Tensor activations, int item) {
        Tensor one = activations.batchItem(item);
        float[] d = one.data();
        if (activations.rank() != 4) return d.clone();
        int positions = activations.dim(1) * activations.dim(2), c = activations.dim(3);
        float[] out = new float[c];
        for (int ch = 0; ch < c; ch++) {
            if (this == AVG) {
                double sum = 0;
                for (int p = 0; p < positions; p++) sum += d[p * c + ch];
                out[ch] = (float) (sum / positions);
            } else {
                float m = Float.NEGATIVE_INFINITY;
                for (int p = 0; p < positions; p++) m = Math.max(m, d[p * c + ch]);
                out[ch] = m;
            }
        }
        return out;
    }
}
