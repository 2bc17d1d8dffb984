package org.convscope.viz.render;

/**
 * How a feature map's values become colormap positions, like matplotlib's {@code imshow} with its
 * default per-image normalisation, followed by a gamma curve:
 * <pre>
 *   t = (v − min) / (max − min)        each map scaled to its own min and max (0 when max = min)
 *   t = clamp(t, 0, 1) ** gamma         gamma &lt; 1 lifts faint activity, &gt; 1 suppresses it
 * </pre>
 * The clamp guards the power against negative (and NaN) inputs.
 */
public final class MapScaling {
    private MapScaling() {}

    /**
     * {@return {@code x ** gamma} for {@code x} clamped to [0, 1]; NaN becomes 0}
     *
     * @param x     a scaled value, normally in [0, 1]
     * @param gamma the exponent, &gt; 0 (1 leaves {@code x} as it is)
     */
    public static float gamma(float x, float gamma) {
        if (!(x > 0)) return 0f;
        if (x >= 1) return 1f;
        return gamma == 1f ? x : (float) Math.pow(x, gamma);
    }

    /**
     * Scaled values of one channel of an NHWC map: {@code count} values starting at {@code start},
     * {@code stride} apart (the channel count), each in [0, 1] after min/max scaling and gamma.
     * A constant map (or one with NaN or infinite values) gives all zeros.
     *
     * @param data   the NHWC feature-map data
     * @param start  index of the channel's first value (for image b, channel c: {@code b·H·W·C + c})
     * @param stride distance between two pixels of the channel (the channel count C)
     * @param count  pixels in the channel ({@code H·W})
     * @param gamma  the exponent applied after scaling
     * @return a new array of {@code count} values in [0, 1], row by row
     */
    public static float[] scaleChannel(float[] data, int start, int stride, int count, float gamma) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            float v = data[start + i * stride];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float[] out = new float[count];
        float range = max - min;
        if (!(range > 0) || Float.isInfinite(range)) return out; // constant (or empty/NaN) map: all 0
        for (int i = 0; i < count; i++) out[i] = gamma((data[start + i * stride] - min) / range, gamma);
        return out;
    }
}
