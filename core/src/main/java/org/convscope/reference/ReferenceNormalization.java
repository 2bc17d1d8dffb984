package org.convscope.reference;

/**
 * Keras's Normalization and LayerNormalization as plain loops over index tuples, in double, on
 * row-major arrays of any rank (the oracle for {@code org.convscope.layers.Normalization} and
 * {@code LayerNormalization}, and the teaching version of what they compute).
 *
 * <pre>
 * Normalization:       y[i] = (x[i] − mean[k(i)]) / max(√var[k(i)], 1e-7)      k(i): i's coordinates on the kept axes
 *                      (invert: y[i] = mean[k(i)] + x[i] · max(√var[k(i)], 1e-7))
 * LayerNormalization:  for every group of values that agree on all coordinates but the normalised axes:
 *                      μ = mean(x), σ² = mean((x − μ)²),
 *                      y = (x − μ) / √(σ² + ε) · γ[k] + β[k]        k: the coordinates on the normalised axes
 *                      (rms_scaling, as Keras 3 computes it: y = x / √(σ² + ε) · γ[k])
 * </pre>
 */
public final class ReferenceNormalization {
    private ReferenceNormalization() {}

    /**
     * Normalization.
     *
     * @param x        the input values, row-major
     * @param shape    the input shape (concrete)
     * @param keepAxes the axes with their own statistics, ascending
     * @param mean     one mean per position of the kept axes, row-major over them
     * @param variance the variances, likewise
     * @param invert   Keras's {@code invert=True}
     * @return the output values
     */
    public static double[] normalization(double[] x, int[] shape, int[] keepAxes, double[] mean, double[] variance, boolean invert) {
        double[] y = new double[x.length];
        int[] coord = new int[shape.length];
        for (int i = 0; i < x.length; i++) {
            int k = 0;
            for (int a : keepAxes) k = k * shape[a] + coord[a];
            double s = Math.max(Math.sqrt(variance[k]), 1e-7);
            y[i] = invert ? mean[k] + x[i] * s : (x[i] - mean[k]) / s;
            next(coord, shape);
        }
        return y;
    }

    /**
     * LayerNormalization.
     *
     * @param x          the input values, row-major
     * @param shape      the input shape (concrete)
     * @param axes       the normalised axes, ascending
     * @param epsilon    added to the variance
     * @param gamma      the scale per position of the axes (row-major over them), or null
     * @param beta       the offset, or null
     * @param rmsScaling Keras 3's {@code rms_scaling=True}
     * @return the output values
     */
    public static double[] layerNormalization(double[] x, int[] shape, int[] axes, double epsilon, double[] gamma, double[] beta,
                                              boolean rmsScaling) {
        boolean[] isAxis = new boolean[shape.length];
        for (int a : axes) isAxis[a] = true;
        // group id and position-in-group of every index
        int[] group = new int[x.length], pos = new int[x.length];
        int groups = 1, n = 1;
        for (int d = 0; d < shape.length; d++) {
            if (isAxis[d]) n *= shape[d];
            else groups *= shape[d];
        }
        int[] coord = new int[shape.length];
        for (int i = 0; i < x.length; i++) {
            int g = 0, k = 0;
            for (int d = 0; d < shape.length; d++) {
                if (isAxis[d]) k = k * shape[d] + coord[d];
                else g = g * shape[d] + coord[d];
            }
            group[i] = g;
            pos[i] = k;
            next(coord, shape);
        }
        double[] sum = new double[groups], sq = new double[groups];
        for (int i = 0; i < x.length; i++) sum[group[i]] += x[i];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - sum[group[i]] / n;
            sq[group[i]] += d * d;
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double mean = sum[group[i]] / n, var = sq[group[i]] / n;
            double v = (rmsScaling ? x[i] : x[i] - mean) / Math.sqrt(var + epsilon);
            if (gamma != null) v *= gamma[pos[i]];
            if (beta != null) v += beta[pos[i]];
            y[i] = v;
        }
        return y;
    }

    private static void next(int[] coord, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++coord[d] < shape[d]) return;
            coord[d] = 0;
        }
    }
}
