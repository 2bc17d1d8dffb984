package org.convscope.layers;

import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.internal.conv.ConvArgs;
import org.convscope.internal.conv.ConvPlanner;
import org.convscope.internal.conv.DepthwiseEngine;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's DepthwiseConv2D: kernel {@code (kh, kw, cin, depth_multiplier)}, each input channel c
 * convolved on its own into output channels {@code c·mult + m}; strides, dilation, padding,
 * optional bias {@code (cin·mult)}, activation. Computed by {@link DepthwiseEngine}; the readable
 * definition is {@link org.convscope.reference.ReferenceDepthwiseConv2D}.
 */
public final class DepthwiseConv2D extends SingleInputLayer {
    private final Tensor depthwiseKernel, bias;
    private final int[] strides, dilation;
    private final Padding padding;
    private final Activation activation;
    private final PerEngine<DepthwiseEngine> engines;    // path per engine

    /**
     * A depthwise 2-D convolution with Keras's {@code DepthwiseConv2D} arguments.
     *
     * @param depthwiseKernel {@code (kh, kw, cin, mult)} as Keras stores it
     * @param bias            {@code (cin·mult)} or null
     * @param activation      null for linear
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public DepthwiseConv2D(String name, Tensor depthwiseKernel, Tensor bias, int[] strides, Padding padding,
                           int[] dilation, Activation activation) {
        super(name);
        String me = describe();
        ConvArgs.requireKernel(me, "depthwise_kernel", depthwiseKernel, "(kh, kw, cin, depth_multiplier)");
        ConvArgs.requireBias(me, bias, depthwiseKernel.dim(2) * depthwiseKernel.dim(3));
        this.depthwiseKernel = depthwiseKernel;
        this.bias = bias;
        this.strides = ConvArgs.requirePair(me, "strides", strides);
        this.dilation = ConvArgs.requirePair(me, "dilation_rate", dilation);
        this.padding = ConvArgs.requirePadding(me, padding);
        this.activation = activation;
        this.engines = new PerEngine<>(e -> new DepthwiseEngine(depthwiseKernel, bias, this.strides, padding, this.dilation, activation, e));
    }

    @Override public String kerasClass() { return "DepthwiseConv2D"; }

    @Override
    public String kernelPath() {
        return ConvPlanner.depthwise(depthwiseKernel.dim(1), depthwiseKernel.dim(2), depthwiseKernel.dim(3), strides, dilation,
                Engine.current()).describe();
    }

    /** {@return input channels, {@code depthwiseKernel.dim(2)}} */
    public int inputChannels() { return depthwiseKernel.dim(2); }

    /** {@return Keras's depth_multiplier, {@code depthwiseKernel.dim(3)}} */
    public int depthMultiplier() { return depthwiseKernel.dim(3); }

    @Override
    public int[] outputShape(int[] inputShape) {
        ConvArgs.requireInput(describe(), inputShape, inputChannels(), "depthwise_kernel", depthwiseKernel.shape(), 0);
        return ConvArgs.convOutputShape(describe(), inputShape, depthwiseKernel.dim(0), depthwiseKernel.dim(1),
                strides, dilation, padding, inputChannels() * depthMultiplier());
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        return engines.current().forward(input, describe());
    }

    /** {@code depthwise_kernel}, then {@code bias} when present. */
    @Override
    public List<Weight> weights() {
        return Weight.withBias(bias, Weight.trainable("depthwise_kernel", depthwiseKernel));
    }

    /** {@return the depthwise kernel {@code (kh, kw, cin, mult)} (do not modify)} */
    public Tensor depthwiseKernel() { return depthwiseKernel; }
    /**
     * Same as {@link #depthwiseKernel()}, for code that treats all conv layers alike.
     *
     * @return the depthwise kernel
     */
    public Tensor kernel() { return depthwiseKernel; }
    /**
     * The bias.
     * @return the bias {@code (cin·mult)}, or null
     */
    public Tensor bias() { return bias; }
    /**
     * The strides.
     * @return {@code {sh, sw}} (a copy)
     */
    public int[] strides() { return strides.clone(); }
    /**
     * The padding.
     * @return {@code VALID} or {@code SAME}
     */
    public Padding padding() { return padding; }
    /**
     * The dilation rate.
     * @return {@code {dh, dw}} (a copy)
     */
    public int[] dilation() { return dilation.clone(); }
    /**
     * Always {@code cin}: a depthwise convolution is a grouped one with one group per input channel.
     *
     * @return the number of input channels
     */
    public int groups() { return inputChannels(); }
    /**
     * The activation.
     * @return the activation, or null for linear
     */
    public Activation activation() { return activation; }
    /**
     * The kernel's spatial size.
     * @return {@code {kh, kw}}
     */
    public int[] kernelSize() { return new int[] {depthwiseKernel.dim(0), depthwiseKernel.dim(1)}; }

    @Override
    public boolean perImage(int inputRank) { return true; }

    @Override
    public String toString() { return describe() + " kernel " + Shapes.toString(depthwiseKernel.shape()) + " strides " + java.util.Arrays.toString(strides) + " path " + kernelPath(); }
}
