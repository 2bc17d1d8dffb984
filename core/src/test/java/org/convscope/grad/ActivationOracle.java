package org.convscope.grad;

import java.util.function.DoubleUnaryOperator;
import org.convscope.activation.Activation;

/** Keras's activation functions written again in double precision from their formulas (tests only). */
final class ActivationOracle {
    private ActivationOracle() {}

    static DTensor apply(Activation a, DTensor z) {
        if (a instanceof org.convscope.activation.SoftmaxActivation s) return softmax(z, s.axis(), s.log());
        DoubleUnaryOperator f = function(a);
        DTensor y = z.copy();
        for (int i = 0; i < y.size(); i++) y.data()[i] = f.applyAsDouble(z.data()[i]);
        return y;
    }

    static DoubleUnaryOperator function(Activation a) {
        org.convscope.activation.ElementwiseActivation e = (org.convscope.activation.ElementwiseActivation) a;
        if (a instanceof org.convscope.activation.ScalarArithmetic s) {
            double c = s.constant();
            boolean f = s.constantFirst();
            return switch (s.op()) {
                case ADD -> x -> x + c;
                case SUBTRACT -> f ? x -> c - x : x -> x - c;
                case MULTIPLY -> x -> x * c;
                case DIVIDE -> f ? x -> c / x : x -> x / c;
                case MAXIMUM -> x -> Math.max(x, c);
                case MINIMUM -> x -> Math.min(x, c);
                case POWER -> f ? x -> Math.pow(c, x) : x -> Math.pow(x, c);
            };
        }
        if (a instanceof org.convscope.activation.UnaryMath u) {
            double lo = u.min(), hi = u.max();
            return switch (u.function()) {
                case CLIP -> x -> Math.min(Math.max(x, lo), hi);
                case NEGATIVE -> x -> -x;
                case ABSOLUTE -> Math::abs;
                case SQUARE -> x -> x * x;
                case SQRT -> Math::sqrt;
                case EXP -> Math::exp;
                case LOG -> Math::log;
                case RECIPROCAL -> x -> 1 / x;
            };
        }
        double selu_alpha = 1.6732632423543772, selu_scale = 1.0507009873554805;
        return switch (a.name()) {
            case "linear" -> x -> x;
            case "relu" -> {
                org.convscope.activation.Relu r = (org.convscope.activation.Relu) a;
                double t = r.threshold(), slope = r.negativeSlope();
                Double max = r.maxValue() == null ? null : r.maxValue().doubleValue();
                yield x -> {                       // Keras 3's ReLU.static_call, step by step
                    double y = t != 0 ? (x > t ? x : 0) : Math.max(x, 0);
                    if (max != null) y = Math.min(Math.max(y, 0), max);
                    return y - slope * Math.max(t - x, 0);
                };
            }
            case "relu6" -> x -> Math.min(Math.max(x, 0), 6);
            case "sigmoid" -> x -> 1 / (1 + Math.exp(-x));
            case "tanh" -> Math::tanh;
            case "elu" -> {
                double alpha = ((org.convscope.activation.Elu) a).alpha();
                yield x -> x > 0 ? x : alpha * Math.expm1(x);
            }
            case "selu" -> x -> selu_scale * (x > 0 ? x : selu_alpha * Math.expm1(x));
            case "gelu" -> x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case "gelu_approximate" -> x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case "silu", "swish" -> x -> x / (1 + Math.exp(-x));
            case "softplus" -> x -> Math.log1p(Math.exp(x));
            case "softsign" -> x -> x / (1 + Math.abs(x));
            case "hard_sigmoid" -> e.apply(2.75f) == 1f
                    ? x -> Math.min(Math.max(0.2 * x + 0.5, 0), 1)            // Keras 2
                    : x -> Math.min(Math.max(x + 3, 0), 6) / 6;               // Keras 3
            case "hard_silu", "hard_swish" -> x -> x * Math.min(Math.max(x + 3, 0), 6) / 6;
            case "leaky_relu" -> {
                double slope = ((org.convscope.activation.LeakyRelu) a).negativeSlope();
                yield x -> x >= 0 ? x : slope * x;
            }
            case "thresholded_relu" -> {
                double theta = ((org.convscope.activation.ThresholdedRelu) a).theta();
                yield x -> x > theta ? x : 0;
            }
            case "exponential" -> Math::exp;
            case "mish" -> x -> x * Math.tanh(Math.log1p(Math.exp(x)));
            default -> throw new IllegalArgumentException("no double oracle for activation " + a.name());
        };
    }

    /** erf by its Maclaurin series; accurate to ~1e-15 for |x| <= 3 (the tests stay there). */
    static double erf(double x) {
        if (Math.abs(x) > 4) return Math.signum(x);
        double term = x, sum = x;
        for (int n = 1; n < 100; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    static DTensor softmax(DTensor z, int axis, boolean log) {
        int ax = axis < 0 ? z.rank() + axis : axis;
        int len = z.shape()[ax], inner = 1;
        for (int i = ax + 1; i < z.rank(); i++) inner *= z.shape()[i];
        int outer = z.size() / (len * inner);
        DTensor y = z.copy();
        for (int a = 0; a < outer; a++)
            for (int in = 0; in < inner; in++) {
                int base = a * len * inner + in;
                double m = Double.NEGATIVE_INFINITY, s = 0;
                for (int i = 0; i < len; i++) m = Math.max(m, z.data()[base + i * inner]);
                for (int i = 0; i < len; i++) s += Math.exp(z.data()[base + i * inner] - m);
                for (int i = 0; i < len; i++) {
                    double v = z.data()[base + i * inner] - m;
                    y.data()[base + i * inner] = log ? v - Math.log(s) : Math.exp(v) / s;
                }
            }
        return y;
    }
}
