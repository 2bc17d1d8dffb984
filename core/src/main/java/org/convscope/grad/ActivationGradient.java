package org.convscope.grad;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.tensor.Tensor;

/**
 * Derivatives of Keras's activation functions: given g = dJ/dy for y = f(z), returns
 * dJ/dz = g·f'(z) (elementwise functions) or the softmax Jacobian product.
 *
 * <p>Where f' can be written with the output alone (relu: y &gt; 0; sigmoid: y(1 − y); tanh: 1 − y²;
 * elu: y + 1 below 0; softplus: 1 − e^(−y); ...), the pre-activation z is not needed: that matters for
 * activations fused into a Conv2D or Dense layer, whose z the forward pass never returns. GELU,
 * SiLU, Mish and hard-SiLU are not invertible, so {@link #needsInput} says z must be recomputed.
 *
 * <p>Parameters that the activation object does not expose are read off the function itself, exactly:
 * the slope of hard_sigmoid is f(0.5) − f(−0.5) (0.2 for Keras 2, 1/6 for Keras 3), leaky_relu's
 * slope is −f(−1), and whether GELU is the erf or the tanh form is told by f(1) (0.841345 vs 0.841192).
 */
public final class ActivationGradient {
    private ActivationGradient() {}

    /** True for the functions whose derivative needs the pre-activation z. */
    public static boolean needsInput(Activation a) {
        if (a == null) return false;
        return switch (a.name()) {
            case "gelu", "silu", "swish", "mish", "hard_silu", "hard_swish" -> true;
            default -> false;
        };
    }

    /** True when convscope knows this activation's derivative. */
    public static boolean supports(Activation a) {
        if (a == null) return true;
        return switch (a.name()) {
            case "linear", "relu", "relu6", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign", "exponential",
                 "leaky_relu", "hard_sigmoid", "gelu", "silu", "swish", "mish", "hard_silu", "hard_swish",
                 "softmax", "log_softmax" -> true;
            default -> false;
        };
    }

    /**
     * dJ/dz. {@code z} may be null unless {@link #needsInput}; {@code y} = f(z) is always needed.
     *
     * @param layer how to name the layer in an error
     */
    public static Tensor backward(String layer, Activation a, Tensor z, Tensor y, Tensor g) {
        if (a == null || a.name().equals("linear")) return g;
        if (!supports(a)) {
            throw new NoGradientException(layer, "layer '" + layer + "': activation '" + a.name() + "' ("
                    + a.getClass().getName() + ") has no derivative in convscope");
        }
        if (needsInput(a) && z == null) {
            throw new IllegalArgumentException("layer '" + layer + "': the derivative of '" + a.name() + "' needs the pre-activation");
        }
        if (a.name().equals("softmax")) return softmax(y, g, -1);
        if (a.name().equals("log_softmax")) return logSoftmax(y, g, -1);
        if (!(a instanceof ElementwiseActivation e)) {
            throw new NoGradientException(layer, "layer '" + layer + "': activation '" + a.name() + "' is not elementwise");
        }
        Derivative d = derivative(e);
        float[] yy = y.data(), gg = g.data(), zz = z == null ? null : z.data();
        Tensor out = Tensor.zeros(g.shape());
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) (gg[i] * d.at(zz == null ? Double.NaN : zz[i], yy[i]));
        }
        return out;
    }

    /** f'(z) from z (NaN when not known) and y. */
    @FunctionalInterface
    interface Derivative {
        double at(double z, double y);
    }

    static Derivative derivative(ElementwiseActivation e) {
        final double sqrt2pi = Math.sqrt(2 * Math.PI);
        return switch (e.name()) {
            case "relu" -> (z, y) -> y > 0 ? 1 : 0;
            case "relu6" -> (z, y) -> y > 0 && y < 6 ? 1 : 0;
            case "sigmoid" -> (z, y) -> y * (1 - y);
            case "tanh" -> (z, y) -> 1 - y * y;
            case "elu" -> {
                double alpha = -e.apply(-1e4f);              // elu(z) -> −alpha for z -> −∞
                yield (z, y) -> y > 0 ? 1 : y + alpha;
            }
            case "selu" -> {
                double scale = e.apply(1f), scaledAlpha = -e.apply(-1e4f);   // y = λz above 0, λα(eᶻ − 1) below
                yield (z, y) -> y > 0 ? scale : y + scaledAlpha;
            }
            case "softplus" -> (z, y) -> -Math.expm1(-y);            // σ(z) = 1 − e^(−softplus(z))
            case "softsign" -> (z, y) -> (1 - Math.abs(y)) * (1 - Math.abs(y));   // 1/(1+|z|)² = (1 − |y|)²
            case "exponential" -> (z, y) -> y;
            case "leaky_relu" -> {
                double slope = -e.apply(-1f);
                yield (z, y) -> y > 0 ? 1 : slope;
            }
            case "hard_sigmoid" -> {
                double slope = (double) e.apply(0.5f) - e.apply(-0.5f);
                yield (z, y) -> y > 0 && y < 1 ? slope : 0;
            }
            case "gelu" -> {
                boolean erfForm = Math.abs(e.apply(1f) - 0.8413447f) < 2e-5f;
                if (erfForm) {
                    // y = z·Φ(z):  y' = Φ(z) + z·φ(z)
                    yield (z, y) -> 0.5 * (1 + Erf.erf(z / Math.sqrt(2))) + z * Math.exp(-0.5 * z * z) / sqrt2pi;
                }
                // y = z/2·(1 + tanh u), u = √(2/π)(z + 0.044715 z³)
                double c = Math.sqrt(2 / Math.PI);
                yield (z, y) -> {
                    double t = Math.tanh(c * (z + 0.044715 * z * z * z));
                    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z);
                };
            }
            case "silu", "swish" -> (z, y) -> {
                double s = 1 / (1 + Math.exp(-z));                   // y = z·σ(z): y' = σ(1 + z(1 − σ))
                return s * (1 + z * (1 - s));
            };
            case "mish" -> (z, y) -> {
                double sp = z > 20 ? z : Math.log1p(Math.exp(z));    // y = z·tanh(softplus z)
                double t = Math.tanh(sp), s = 1 / (1 + Math.exp(-z));
                return t + z * (1 - t * t) * s;
            };
            case "hard_silu", "hard_swish" -> (z, y) -> z <= -3 ? 0 : z >= 3 ? 1 : (2 * z + 3) / 6;   // y = z·relu6(z+3)/6
            default -> throw new NoGradientException(e.name(), "activation '" + e.name() + "' has no derivative in convscope");
        };
    }

    /**
     * Softmax along {@code axis}: with y = softmax(z), dJ/dz_i = y_i·(g_i − Σ_j g_j·y_j).
     */
    public static Tensor softmax(Tensor y, Tensor g, int axis) {
        return alongAxis(y, g, axis, false);
    }

    /**
     * Log-softmax along {@code axis}: with y = z − log Σ eᶻ, dJ/dz_i = g_i − e^(y_i)·Σ_j g_j.
     */
    public static Tensor logSoftmax(Tensor y, Tensor g, int axis) {
        return alongAxis(y, g, axis, true);
    }

    private static Tensor alongAxis(Tensor y, Tensor g, int axis, boolean log) {
        int[] s = y.shape();
        int ax = org.convscope.tensor.Shapes.axis(axis, s.length);
        int len = s[ax], inner = 1;
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        int outer = y.size() / Math.max(1, len * inner);
        float[] yy = y.data(), gg = g.data();
        Tensor out = Tensor.zeros(s);
        float[] o = out.data();
        for (int a = 0; a < outer; a++) {
            for (int in = 0; in < inner; in++) {
                int base = a * len * inner + in;
                double dot = 0;
                for (int i = 0; i < len; i++) {
                    int k = base + i * inner;
                    dot += log ? gg[k] : (double) gg[k] * yy[k];
                }
                for (int i = 0; i < len; i++) {
                    int k = base + i * inner;
                    o[k] = (float) (log ? gg[k] - Math.exp(yy[k]) * dot : yy[k] * (gg[k] - dot));
                }
            }
        }
        return out;
    }
}
