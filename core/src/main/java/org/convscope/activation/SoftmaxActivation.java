package org.convscope.activation;

import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Softmax or log-softmax along one axis (not elementwise: each value depends on its whole row).
 * <pre>
 *   softmax(x)_i     = e^(x_i − m) / Σ_j e^(x_j − m)            with m = max_j x_j
 *   log_softmax(x)_i = (x_i − m) − log Σ_j e^(x_j − m)
 * </pre>
 * Subtracting the row maximum changes nothing mathematically but keeps every exponent ≤ 0, so
 * large inputs cannot overflow; the sums are accumulated in double.
 *
 * @param axis the axis to normalise; negative counts from the end (−1 = last, Keras's default)
 * @param log true for log-softmax
 */
public record SoftmaxActivation(int axis, boolean log) implements Activation {
    public static final SoftmaxActivation SOFTMAX = new SoftmaxActivation(-1, false);
    public static final SoftmaxActivation LOG_SOFTMAX = new SoftmaxActivation(-1, true);

    @Override public String name() { return log ? "log_softmax" : "softmax"; }

    @Override
    public Tensor apply(Tensor x) {
        int[] shape = x.shape();
        if (shape.length == 0) throw new IllegalArgumentException(name() + ": needs at least one axis, got a scalar");
        int ax = Shapes.axis(axis, shape.length);
        int n = shape[ax], inner = 1, outer = 1;
        for (int i = ax + 1; i < shape.length; i++) inner *= shape[i];
        for (int i = 0; i < ax; i++) outer *= shape[i];
        float[] in = x.data(), out = ActivationArena.floats(in.length);
        double[] e = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int r = 0; r < inner; r++) {
                int base = o * n * inner + r;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) m = Math.max(m, in[base + j * inner]);
                double sum = 0;
                for (int j = 0; j < n; j++) sum += (e[j] = Math.exp(in[base + j * inner] - m));
                if (log) {
                    double ls = Math.log(sum);
                    for (int j = 0; j < n; j++) out[base + j * inner] = (float) (in[base + j * inner] - m - ls);
                } else {
                    for (int j = 0; j < n; j++) out[base + j * inner] = (float) (e[j] / sum);
                }
            }
        }
        return Tensor.of(out, shape);
    }
}
