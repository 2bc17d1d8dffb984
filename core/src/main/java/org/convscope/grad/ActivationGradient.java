package org.convscope.grad;

import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.activation.Elu;
import org.convscope.activation.Erf;
import org.convscope.activation.Exponential;
import org.convscope.activation.Gelu;
import org.convscope.activation.HardSigmoid;
import org.convscope.activation.HardSilu;
import org.convscope.activation.KerasFlavor;
import org.convscope.activation.LeakyRelu;
import org.convscope.activation.Linear;
import org.convscope.activation.Mish;
import org.convscope.activation.Relu;
import org.convscope.activation.Relu6;
import org.convscope.activation.Selu;
import org.convscope.activation.Sigmoid;
import org.convscope.activation.Silu;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.activation.Softplus;
import org.convscope.activation.Softsign;
import org.convscope.activation.Tanh;
import org.convscope.activation.ThresholdedRelu;
import org.convscope.tensor.Tensor;

/**
 * Derivatives of Keras's activation functions: given g = dJ/dy for y = f(z), returns
 * dJ/dz = g·f'(z) (elementwise functions) or the softmax Jacobian product.
 *
 * <p>Where f' can be written with the output alone (relu: y &gt; 0; sigmoid: y(1 − y); tanh: 1 − y²;
 * elu: y + α below 0; softplus: 1 − e^(−y); softsign: (1 − |y|)²; ...), the pre-activation z is not
 * needed: that matters for activations fused into a Conv2D or Dense layer, whose z the forward pass
 * never returns. GELU, SiLU, Mish, hard-SiLU and the general relu (threshold, max value, slope) are
 * not read off their output, so {@link #needsInput} says z must be recomputed.
 *
 * <p>At a kink the derivative is that of the flat side: relu at 0, relu6 at 0 and 6 and hard
 * sigmoid at the ends of its slope all give 0, as TensorFlow's gradients do. Stateless and
 * thread-safe.
 */
public final class ActivationGradient {
    private ActivationGradient() {}

    /**
     * Whether f'(z) needs the pre-activation z rather than the output alone.
     *
     * @param a an activation, or null for linear
     * @return true for GELU, SiLU, Mish, hard SiLU, ThresholdedReLU and a ReLU with a threshold, a
     *         max value or a negative slope; the layer rules then recompute z with a linear twin of
     *         the layer
     */
    public static boolean needsInput(Activation a) {
        if (a == null) return false;
        if (a instanceof Relu r) return !r.isPlain();
        if (a instanceof org.convscope.activation.ScalarArithmetic s) {
            return switch (s.op()) {
                case ADD, SUBTRACT, MULTIPLY -> false;
                case DIVIDE -> s.constantFirst();
                default -> true;
            };
        }
        if (a instanceof org.convscope.activation.UnaryMath u) {
            return u.function() == org.convscope.activation.UnaryMath.Function.ABSOLUTE
                    || u.function() == org.convscope.activation.UnaryMath.Function.SQUARE;
        }
        return a instanceof Gelu || a instanceof Silu || a instanceof Mish || a instanceof HardSilu || a instanceof ThresholdedRelu;
    }

    /**
     * Whether convscope knows this activation's derivative.
     *
     * @param a an activation, or null for linear
     * @return true for null (linear), softmax and log-softmax, and every built-in elementwise
     *         activation; false for anything else, such as an {@link ElementwiseActivation} of the
     *         user's own
     */
    public static boolean supports(Activation a) {
        return a == null || a instanceof SoftmaxActivation || (a instanceof ElementwiseActivation e && derivativeOrNull(e) != null);
    }

    /**
     * dJ/dz for y = a(z): g·a'(z) value by value for an elementwise activation, or the Jacobian
     * product of {@link #softmax} / {@link #logSoftmax} along the activation's axis.
     *
     * @param layer the name of the layer that applies the activation, for error messages
     * @param a     the activation; null or linear returns {@code g} itself
     * @param z     the pre-activation, same shape as {@code y}; may be null unless
     *              {@link #needsInput} is true for {@code a}
     * @param y     the activation's output a(z); always needed
     * @param g     dJ/dy, same shape as {@code y}
     * @return dJ/dz with the shape of {@code g}: a new tensor, or {@code g} itself when {@code a} is
     *         linear
     * @throws NoGradientException when convscope has no derivative for {@code a}
     * @throws IllegalArgumentException when the derivative needs {@code z} and it is null
     */
    public static Tensor backward(String layer, Activation a, Tensor z, Tensor y, Tensor g) {
        if (Activations.isLinear(a)) return g;
        if (a instanceof SoftmaxActivation s) return s.log() ? logSoftmax(y, g, s.axis()) : softmax(y, g, s.axis());
        Derivative d = a instanceof ElementwiseActivation e ? derivativeOrNull(e) : null;
        if (d == null) {
            throw new NoGradientException(layer, "layer '" + layer + "': activation '" + a.name() + "' ("
                    + a.getClass().getName() + ") has no derivative in convscope");
        }
        if (needsInput(a) && z == null) {
            throw new IllegalArgumentException("layer '" + layer + "': the derivative of '" + a.name() + "' needs the pre-activation");
        }
        float[] yy = y.data(), gg = g.data(), zz = z == null ? null : z.data();
        Tensor out = Tensor.zeros(g.shape());
        float[] o = out.data();
        if (a instanceof Relu r && r.isPlain()) {                // the common case, without a call per value
            for (int i = 0; i < o.length; i++) o[i] = yy[i] > 0 ? gg[i] : 0f;
            return out;
        }
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

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    static Derivative derivativeOrNull(ElementwiseActivation e) {
        if (e instanceof Linear) return (z, y) -> 1;
        if (e instanceof Relu r) {
            if (r.isPlain()) return (z, y) -> y > 0 ? 1 : 0;
            // Keras: y = (z > t ? z : 0), clipped to [0, max], minus slope·max(t − z, 0).
            float t = r.threshold(), slope = r.negativeSlope();
            Float max = r.maxValue();
            return (z, y) -> {
                double d = 0;
                double pass = t != 0 ? (z > t ? z : 0) : Math.max(z, 0);
                if (pass == z && z > 0 && (max == null || z < max)) d = 1;
                if (z < t) d += slope;
                return d;
            };
        }
        if (e instanceof Relu6) return (z, y) -> y > 0 && y < 6 ? 1 : 0;
        if (e instanceof Sigmoid) return (z, y) -> y * (1 - y);
        if (e instanceof Tanh) return (z, y) -> 1 - y * y;
        if (e instanceof Elu el) return (z, y) -> y > 0 ? 1 : y + el.alpha();      // α(eᶻ − 1) + α = αeᶻ
        if (e instanceof Selu) {
            double scale = e.apply(1f), scaledAlpha = -(double) e.apply(-1e4f);    // λ, and λα = −selu(−∞)
            return (z, y) -> y > 0 ? scale : y + scaledAlpha;
        }
        if (e instanceof Softplus) return (z, y) -> -Math.expm1(-y);                // σ(z) = 1 − e^(−softplus z)
        if (e instanceof Softsign) return (z, y) -> (1 - Math.abs(y)) * (1 - Math.abs(y));   // 1/(1+|z|)² = (1 − |y|)²
        if (e instanceof Exponential) return (z, y) -> y;
        if (e instanceof LeakyRelu l) return (z, y) -> y > 0 ? 1 : l.negativeSlope();
        if (e instanceof HardSigmoid h) {
            double slope = h.flavor() == KerasFlavor.KERAS2 ? 0.2 : 1.0 / 6;
            return (z, y) -> y > 0 && y < 1 ? slope : 0;
        }
        if (e instanceof ThresholdedRelu t) return (z, y) -> z > t.theta() ? 1 : 0;
        if (e instanceof Gelu g) {
            if (!g.approximate()) {
                // y = z·Φ(z):  y' = Φ(z) + z·φ(z)
                return (z, y) -> 0.5 * Erf.erfc(-z / Math.sqrt(2)) + z * Math.exp(-0.5 * z * z) / SQRT_2PI;
            }
            // y = z/2·(1 + tanh u), u = √(2/π)(z + 0.044715 z³)
            return (z, y) -> {
                double t = Math.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z * z * z));
                return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * z * z);
            };
        }
        if (e instanceof Silu) {
            return (z, y) -> {
                double s = 1 / (1 + Math.exp(-z));                   // y = z·σ(z): y' = σ(1 + z(1 − σ))
                return s * (1 + z * (1 - s));
            };
        }
        if (e instanceof Mish) {
            return (z, y) -> {
                double sp = z > 20 ? z : Math.log1p(Math.exp(z));    // y = z·tanh(softplus z)
                double t = Math.tanh(sp), s = 1 / (1 + Math.exp(-z));
                return t + z * (1 - t * t) * s;
            };
        }
        if (e instanceof HardSilu) return (z, y) -> z <= -3 ? 0 : z >= 3 ? 1 : (2 * z + 3) / 6;   // y = z·relu6(z+3)/6
        if (e instanceof org.convscope.activation.ScalarArithmetic s) {            // x ⊕ c, c ⊕ x (Keras 3 op nodes)
            double c = s.constant();
            boolean first = s.constantFirst();
            return switch (s.op()) {
                case ADD -> (z, y) -> 1;
                case SUBTRACT -> first ? (z, y) -> -1 : (z, y) -> 1;
                case MULTIPLY -> (z, y) -> c;
                case DIVIDE -> first ? (z, y) -> -c / (z * z) : (z, y) -> 1 / c;
                case MAXIMUM -> (z, y) -> z > c ? 1 : 0;
                case MINIMUM -> (z, y) -> z < c ? 1 : 0;
                case POWER -> first ? (z, y) -> Math.pow(c, z) * Math.log(c) : (z, y) -> c * Math.pow(z, c - 1);
            };
        }
        if (e instanceof org.convscope.activation.UnaryMath u) {
            float lo = u.min(), hi = u.max();
            return switch (u.function()) {
                case CLIP -> (z, y) -> y > lo && y < hi ? 1 : 0;
                case NEGATIVE -> (z, y) -> -1;
                case ABSOLUTE -> (z, y) -> Math.signum(z);
                case SQUARE -> (z, y) -> 2 * z;
                case SQRT -> (z, y) -> 0.5 / y;
                case EXP -> (z, y) -> y;
                case LOG -> (z, y) -> Math.exp(-y);
                case RECIPROCAL -> (z, y) -> -y * y;
            };
        }
        return null;
    }

    /**
     * Softmax along {@code axis}: with y = softmax(z), dJ/dz_i = y_i·(g_i − Σ_j g_j·y_j), the sum
     * taken (in double) over the axis, separately for every position of the other axes.
     *
     * @param y    the softmax's output
     * @param g    dJ/dy, same shape as {@code y}
     * @param axis the softmax axis; negative counts from the end
     * @return dJ/dz, a new tensor with the shape of {@code y}
     * @throws IllegalArgumentException when {@code axis} is out of range for {@code y}'s rank
     */
    public static Tensor softmax(Tensor y, Tensor g, int axis) {
        return alongAxis(y, g, axis, false);
    }

    /**
     * Log-softmax along {@code axis}: with y = z − log Σ eᶻ, dJ/dz_i = g_i − e^(y_i)·Σ_j g_j, where
     * e^(y_i) is softmax(z)_i and the sum runs over the axis.
     *
     * @param y    the log-softmax's output
     * @param g    dJ/dy, same shape as {@code y}
     * @param axis the axis; negative counts from the end
     * @return dJ/dz, a new tensor with the shape of {@code y}
     * @throws IllegalArgumentException when {@code axis} is out of range for {@code y}'s rank
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
