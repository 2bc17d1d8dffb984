package org.convscope.graph;

import java.util.List;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.internal.conv.Conv2DEngine;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * The fused end of a residual block, {@code after(conv(x) + shortcut)}: inputs {@code [x, shortcut]},
 * the convolution (BatchNormalization folded in, activation in the epilogue, as {@link Fusion} made
 * it) with the shortcut added to each block of its output while the GEMM's epilogue has it in cache
 * ({@link Conv2DEngine#forwardAdd}): MobileNetV2's project convolution and Add, EfficientNet's
 * (without the Dropout that inference skips), ResNet's last convolution of a block, Add and ReLU.
 * The result is the unfused one up to the float rounding of the folding.
 */
final class ConvAddLayer implements Layer {
    private final String name;
    private final Conv2D conv;
    private final ElementwiseActivation after;
    private final PerEngine<Conv2DEngine> engines;

    /**
     * @param name  the chain's tail, whose output this computes
     * @param conv  the fused convolution (groups 1, an elementwise activation or none)
     * @param after the activation after the Add, or null
     */
    ConvAddLayer(String name, Conv2D conv, ElementwiseActivation after) {
        this.name = name;
        this.conv = conv;
        this.after = after;
        this.engines = new PerEngine<>(e -> new Conv2DEngine(conv.kernel(), conv.bias(), conv.strides(), conv.padding(),
                conv.dilation(), conv.groups(), conv.activation(), e));
    }

    /** {@return whether a convolution can end a fused residual block: a Conv2D with one group} */
    static boolean canEndResidual(Layer layer) { return layer instanceof Conv2D c && c.groups() == 1; }

    @Override public String name() { return name; }

    @Override public String kerasClass() { return "Conv2D+Add"; }

    @Override public int arity() { return 2; }

    @Override
    public int[] outputShape(List<int[]> inputShapes) { return conv.outputShape(inputShapes.get(0)); }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) throw new IllegalArgumentException(kerasClass() + " '" + name + "' takes 2 inputs, got " + inputs.size());
        conv.outputShape(inputs.get(0).shape());          // the layer's own input checks and messages
        return engines.current().forwardAdd(inputs.get(0), inputs.get(1), after, kerasClass() + " '" + name + "'");
    }

    @Override
    public String kernelPath() { return engines.get(Engine.current()).plan().describe() + ", shortcut added in the epilogue"; }

    @Override
    public boolean perImage(int inputRank) { return true; }

    @Override public String toString() { return kerasClass() + " '" + name + "' " + conv + (after == null ? "" : " then " + after); }
}
