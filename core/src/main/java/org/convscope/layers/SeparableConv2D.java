package org.convscope.layers;

import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.internal.conv.Conv2DEngine;
import org.convscope.internal.conv.ConvArgs;
import org.convscope.internal.conv.ConvPlan;
import org.convscope.internal.conv.ConvPlanner;
import org.convscope.internal.conv.DepthwiseEngine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's SeparableConv2D: a depthwise convolution (kernel {@code (kh, kw, cin, mult)}, with the
 * layer's strides, dilation and padding, no bias) followed by a pointwise 1x1 convolution (kernel
 * {@code (1, 1, cin·mult, cout)}, stride 1, valid), then the bias {@code (cout)} and the activation.
 */
public final class SeparableConv2D extends SingleInputLayer {
    private final Tensor depthwiseKernel, pointwiseKernel, bias;
    private final int[] strides, dilation;
    private final Padding padding;
    private final Activation activation;
    private final PerEngine<Parts> engines;      // both parts' paths, per engine

    /** The depthwise and pointwise engines of one engine configuration. */
    private record Parts(DepthwiseEngine depthwise, Conv2DEngine pointwise) {
        ConvPlan plan() { return ConvPlanner.separable(depthwise.plan(), pointwise.plan()); }
    }

    /**
     * A depthwise separable 2-D convolution with Keras's {@code SeparableConv2D} arguments.
     *
     * @param depthwiseKernel {@code (kh, kw, cin, mult)}
     * @param pointwiseKernel {@code (1, 1, cin·mult, cout)}
     * @param bias            {@code (cout)} or null
     * @param activation      null for linear
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public SeparableConv2D(String name, Tensor depthwiseKernel, Tensor pointwiseKernel, Tensor bias, int[] strides,
                           Padding padding, int[] dilation, Activation activation) {
        super(name);
        String me = describe();
        ConvArgs.requireKernel(me, "depthwise_kernel", depthwiseKernel, "(kh, kw, cin, depth_multiplier)");
        ConvArgs.requireKernel(me, "pointwise_kernel", pointwiseKernel, "(1, 1, cin*depth_multiplier, filters)");
        int mid = depthwiseKernel.dim(2) * depthwiseKernel.dim(3);
        int[] expected = {1, 1, mid, pointwiseKernel.dim(3)};
        if (!java.util.Arrays.equals(pointwiseKernel.shape(), expected)) {
            throw new IllegalArgumentException(me + ": pointwise_kernel has shape " + Shapes.toString(pointwiseKernel.shape())
                    + ", expected " + Shapes.toString(expected) + " for depthwise_kernel "
                    + Shapes.toString(depthwiseKernel.shape()));
        }
        ConvArgs.requireBias(me, bias, pointwiseKernel.dim(3));
        this.depthwiseKernel = depthwiseKernel;
        this.pointwiseKernel = pointwiseKernel;
        this.bias = bias;
        this.strides = ConvArgs.requirePair(me, "strides", strides);
        this.dilation = ConvArgs.requirePair(me, "dilation_rate", dilation);
        this.padding = ConvArgs.requirePadding(me, padding);
        this.activation = activation;
        this.engines = new PerEngine<>(e -> new Parts(
                new DepthwiseEngine(depthwiseKernel, null, this.strides, padding, this.dilation, null, e),
                new Conv2DEngine(pointwiseKernel, bias, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 1, activation, e)));
    }

    @Override public String kerasClass() { return "SeparableConv2D"; }

    @Override
    public String kernelPath() { return engines.current().plan().describe(); }

    /**
     * Input channels.
     * @return {@code depthwiseKernel.dim(2)}
     */
    public int inputChannels() { return depthwiseKernel.dim(2); }

    /**
     * Keras's depth_multiplier.
     * @return {@code depthwiseKernel.dim(3)}
     */
    public int depthMultiplier() { return depthwiseKernel.dim(3); }

    /** {@return output channels ({@code filters})} */
    public int filters() { return pointwiseKernel.dim(3); }

    @Override
    public int[] outputShape(int[] inputShape) {
        ConvArgs.requireInput(describe(), inputShape, inputChannels(), "depthwise_kernel", depthwiseKernel.shape(), 0);
        return ConvArgs.convOutputShape(describe(), inputShape, depthwiseKernel.dim(0), depthwiseKernel.dim(1),
                strides, dilation, padding, filters());
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        Parts p = engines.current();
        return p.depthwise.forwardSeparable(input, describe(), p.pointwise);
    }

    /** {@code depthwise_kernel}, {@code pointwise_kernel}, then {@code bias} when present. */
    @Override
    public List<Weight> weights() {
        return Weight.withBias(bias, Weight.trainable("depthwise_kernel", depthwiseKernel),
                Weight.trainable("pointwise_kernel", pointwiseKernel));
    }

    /**
     * The depthwise kernel.
     * @return {@code (kh, kw, cin, mult)} (do not modify)
     */
    public Tensor depthwiseKernel() { return depthwiseKernel; }
    /**
     * The pointwise kernel.
     * @return {@code (1, 1, cin·mult, cout)} (do not modify)
     */
    public Tensor pointwiseKernel() { return pointwiseKernel; }
    /**
     * The bias.
     * @return the bias {@code (cout)}, or null
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
    public String toString() { return describe() + " depthwise " + Shapes.toString(depthwiseKernel.shape()) + " pointwise " + Shapes.toString(pointwiseKernel.shape()) + " path " + kernelPath(); }
}
