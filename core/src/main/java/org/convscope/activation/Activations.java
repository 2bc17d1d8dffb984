package org.convscope.activation;

import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * Looks activations up by the names Keras writes into model configs.
 *
 * <p>Besides Keras's names this accepts {@code "gelu_approximate"} for the tanh form of gelu
 * (Keras stores that as {@code gelu} with {@code approximate=True} only when the function is
 * configured by object, so the loader maps it here).
 */
public final class Activations {
    private Activations() {}

    /** Every name {@link #get} accepts, sorted. */
    public static final List<String> NAMES = List.of("elu", "exponential", "gelu", "gelu_approximate", "hard_sigmoid",
            "hard_silu", "hard_swish", "leaky_relu", "linear", "log_softmax", "mish", "relu", "relu6", "selu", "sigmoid",
            "silu", "softmax", "softplus", "softsign", "swish", "tanh");

    /**
     * The activation Keras calls {@code kerasName}; null or "linear" give {@link Linear}.
     *
     * @param flavor which Keras wrote the model (only changes {@code hard_sigmoid})
     * @throws IllegalArgumentException for an unknown name, listing the supported ones
     * @param kerasName the Keras name, for example {@code "relu"}
     * @return the activation
     */
    public static Activation get(String kerasName, KerasFlavor flavor) {
        if (kerasName == null) return Linear.INSTANCE;
        return switch (kerasName) {
            case "linear" -> Linear.INSTANCE;
            case "relu" -> Relu.PLAIN;
            case "relu6" -> Relu6.INSTANCE;
            case "sigmoid" -> Sigmoid.INSTANCE;
            case "tanh" -> Tanh.INSTANCE;
            case "elu" -> Elu.DEFAULT;
            case "selu" -> Selu.INSTANCE;
            case "gelu" -> Gelu.EXACT;
            case "gelu_approximate" -> Gelu.APPROXIMATE;
            case "silu", "swish" -> Silu.INSTANCE;
            case "softplus" -> Softplus.INSTANCE;
            case "softsign" -> Softsign.INSTANCE;
            case "hard_sigmoid" -> flavor == KerasFlavor.KERAS2 ? HardSigmoid.KERAS2 : HardSigmoid.KERAS3;
            case "hard_silu", "hard_swish" -> HardSilu.INSTANCE;
            case "leaky_relu" -> LeakyRelu.DEFAULT;
            case "exponential" -> Exponential.INSTANCE;
            case "mish" -> Mish.INSTANCE;
            case "softmax" -> SoftmaxActivation.SOFTMAX;
            case "log_softmax" -> SoftmaxActivation.LOG_SOFTMAX;
            default -> throw new IllegalArgumentException("unknown activation '" + kerasName
                    + "'; supported: " + String.join(", ", NAMES));
        };
    }

    /**
     * Keras 3 names ({@link KerasFlavor#KERAS3}).
     *
     * @param kerasName the Keras name, for example {@code "relu"}
     * @return the activation (as {@link #get(String, KerasFlavor)} with Keras 3's {@code hard_sigmoid})
     */
    public static Activation get(String kerasName) { return get(kerasName, KerasFlavor.KERAS3); }

    /**
     * True for null and the identity, which layers may skip.
     *
     * @param a an activation, or null
     * @return true for null and {@link Linear}
     */
    public static boolean isLinear(Activation a) { return a == null || a instanceof Linear; }

    /**
     * What a layer whose elementwise activation ran fused into its computation does with the rest:
     * returns {@code out} unchanged for no activation or an elementwise one; otherwise (softmax and
     * other non-elementwise activations) applies it and gives {@code out}'s array back to the
     * current {@link org.convscope.tensor.ActivationArena}, since nobody reads the pre-activation
     * values any more.
     *
     * @param out the layer's finished output before the activation (its own, not shared)
     * @param a the layer's activation, or null
     * @return the activated output
     */
    public static Tensor applyUnfused(Tensor out, Activation a) {
        if (a == null || a instanceof ElementwiseActivation) return out;
        Tensor y = a.apply(out);
        if (y.data() != out.data()) org.convscope.tensor.ActivationArena.giveBack(out.data());
        return y;
    }
}
