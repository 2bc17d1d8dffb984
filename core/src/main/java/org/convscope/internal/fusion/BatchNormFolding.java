package org.convscope.internal.fusion;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.activation.Linear;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Layer;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Folds a {@link BatchNormalization} that follows a linear layer into that layer's weights, and an
 * elementwise activation that follows into its GEMM epilogue, so that the chain
 * {@code conv → BN → activation} runs as one layer.
 *
 * <p>The maths. A convolution or dense layer computes, for an output channel c,
 * {@code z[c] = Σ x·kernel[..., c] + bias[c]}; inference-time batch normalisation on the channel axis
 * is {@code y[c] = z[c]·scale[c] + shift[c]} with {@code scale = γ/√(var + ε)} and
 * {@code shift = β − mean·scale} (see {@link BatchNormalization}). Because the sum is linear,
 * <pre>
 *   y[c] = Σ x·(kernel[..., c]·scale[c]) + (bias[c]·scale[c] + shift[c])
 *        = Σ x·kernel'[..., c] + bias'[c]        bias' = (bias − mean)·scale + β
 * </pre>
 * so the folded layer is the same layer with {@code kernel'} and {@code bias'}. In every kernel this
 * engine uses, the output channel is the <em>last</em> axis ({@code (kh, kw, cin/groups, cout)},
 * {@code (kh, kw, cin, mult)} whose flattened last two axes are the output channel
 * {@code c·mult + m}, {@code (in, out)}), so element i of the row-major kernel belongs to channel
 * {@code i mod C}. A SeparableConv2D folds into its pointwise kernel (the depthwise part has no
 * bias and feeds only the pointwise product). The BatchNormalization must normalise the last axis.
 *
 * <p>Folding changes rounding: {@code (x·k)·s} and {@code x·(k·s)} differ in the last bits, so the
 * fused layer agrees with the unfused pair to about float precision relative to the output's size,
 * not bit for bit.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /**
     * True when the layer can absorb a following BatchNormalization and activation: a Conv2D,
     * DepthwiseConv2D, SeparableConv2D or Dense whose own activation is linear (a non-linear one
     * would sit between the product and the normalisation).
     *
     * @param layer any layer
     * @return true for a fusable linear layer
     */
    public static boolean canAbsorb(Layer layer) {
        return switch (layer) {
            case Conv2D c -> isLinear(c.activation());
            case DepthwiseConv2D d -> isLinear(d.activation());
            case SeparableConv2D s -> isLinear(s.activation());
            case Dense d -> isLinear(d.activation());
            default -> false;
        };
    }

    /**
     * True when the BatchNormalization normalises the last (channel) axis of an output of this rank,
     * the only case whose scale is per output channel of the preceding layer.
     *
     * @param bn the normalisation
     * @param rank the rank of its input, batch included
     * @return true when its axis is the last one
     */
    public static boolean normalisesLastAxis(BatchNormalization bn, int rank) {
        return bn.axis() == -1 || bn.axis() == rank - 1;
    }

    /**
     * The activation a layer with an {@code ActivationLayer} after it can run in its epilogue, or
     * null when it cannot be fused (softmax and other non-elementwise functions).
     *
     * @param layer an activation layer
     * @return its function when elementwise, else null
     */
    public static ElementwiseActivation fusableActivation(ActivationLayer layer) {
        return layer.activation() instanceof ElementwiseActivation e ? e : null;
    }

    /**
     * Builds one layer that computes {@code act(bn(head(x)))}: the same class and geometry as
     * {@code head}, named like it, with the BatchNormalization folded into its (pointwise) kernel and
     * bias and {@code act} as its activation. The original layers are not changed.
     *
     * @param head a layer for which {@link #canAbsorb} is true
     * @param bn the BatchNormalization on its output's last axis, or null for none
     * @param act the elementwise activation to fuse, or null (linear)
     * @return the fused layer
     */
    public static SingleInputLayer fuse(SingleInputLayer head, BatchNormalization bn, ElementwiseActivation act) {
        if (!canAbsorb(head)) {
            throw new IllegalArgumentException(head.kerasClass() + " '" + head.name()
                    + "' cannot absorb a BatchNormalization or activation (only Conv2D, DepthwiseConv2D, SeparableConv2D"
                    + " and Dense with a linear activation can)");
        }
        ElementwiseActivation a = isLinear(act) ? null : act;
        return switch (head) {
            case Conv2D c -> new Conv2D(c.name(), foldKernel(c.kernel(), bn, c), foldBias(c.bias(), bn, c.filters()),
                    c.strides(), c.padding(), c.dilation(), c.groups(), a);
            case DepthwiseConv2D d -> new DepthwiseConv2D(d.name(), foldKernel(d.depthwiseKernel(), bn, d),
                    foldBias(d.bias(), bn, d.inputChannels() * d.depthMultiplier()), d.strides(), d.padding(),
                    d.dilation(), a);
            case SeparableConv2D s -> new SeparableConv2D(s.name(), s.depthwiseKernel(),
                    foldKernel(s.pointwiseKernel(), bn, s), foldBias(s.bias(), bn, s.filters()), s.strides(),
                    s.padding(), s.dilation(), a);
            case Dense d -> new Dense(d.name(), foldKernel(d.kernel(), bn, d), foldBias(d.bias(), bn, d.units()), a);
            default -> throw new IllegalStateException("unreachable: " + head);
        };
    }

    /**
     * {@code kernel'[i] = kernel[i]·scale[i mod C]}, C being the kernel's last-axis size (the output
     * channels once the last two axes of a depthwise kernel are read as one). Returns the kernel
     * itself when there is no normalisation.
     */
    private static Tensor foldKernel(Tensor kernel, BatchNormalization bn, SingleInputLayer owner) {
        if (bn == null) return kernel;
        int channels = owner instanceof DepthwiseConv2D ? kernel.dim(2) * kernel.dim(3) : kernel.dim(kernel.rank() - 1);
        if (channels != bn.channels()) {
            throw new IllegalArgumentException("cannot fold BatchNormalization '" + bn.name() + "' (" + bn.channels()
                    + " channels) into " + owner.kerasClass() + " '" + owner.name() + "' with kernel "
                    + Shapes.toString(kernel.shape()) + " (" + channels + " output channels)");
        }
        float[] scale = bn.scale(), k = kernel.data(), folded = new float[k.length];
        for (int i = 0; i < k.length; i++) folded[i] = k[i] * scale[i % channels];
        return Tensor.of(folded, kernel.shape());
    }

    /**
     * {@code bias'[c] = bias[c]·scale[c] + shift[c]} (bias taken as 0 when absent), computed in
     * double and rounded once. Returns the bias itself when there is no normalisation.
     */
    private static Tensor foldBias(Tensor bias, BatchNormalization bn, int channels) {
        if (bn == null) return bias;
        float[] scale = bn.scale(), shift = bn.shift(), folded = new float[channels];
        for (int c = 0; c < channels; c++) {
            double b = bias == null ? 0 : bias.data()[c];
            folded[c] = (float) (b * scale[c] + shift[c]);
        }
        return Tensor.of(folded, channels);
    }

    private static boolean isLinear(Activation a) {
        return a == null || a instanceof Linear;
    }
}
