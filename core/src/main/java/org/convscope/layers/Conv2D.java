package org.convscope.layers;

import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.internal.conv.Conv2DEngine;
import org.convscope.internal.conv.ConvArgs;
import org.convscope.internal.conv.ConvPlanner;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Conv2D on NHWC input: kernel {@code (kh, kw, cin/groups, cout)}, strides, dilation,
 * {@code valid}/{@code same} padding with TensorFlow's split, groups, optional bias, activation.
 * Computed by {@link Conv2DEngine} on the path {@link ConvPlanner} chooses for the engine
 * ({@link #kernelPath()}); the readable definition is
 * {@link org.convscope.reference.ReferenceConv2D}.
 */
public final class Conv2D extends SingleInputLayer {
    private final Tensor kernel, bias;
    private final int[] strides, dilation;
    private final Padding padding;
    private final int groups;
    private final Activation activation;
    private final PerEngine<Conv2DEngine> engines;    // path and packed kernel, per engine

    /**
     * A 2-D convolution with Keras's {@code Conv2D} arguments.
     *
     * @param kernel     {@code (kh, kw, cin/groups, cout)} as Keras stores it
     * @param bias       {@code (cout)} or null (use_bias=False)
     * @param strides    {@code {sh, sw}}
     * @param dilation   {@code {dh, dw}} (Keras's dilation_rate)
     * @param groups     &gt;= 1, dividing cout (and the input channels)
     * @param activation null for linear
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     */
    public Conv2D(String name, Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation, int groups,
                  Activation activation) {
        super(name);
        String me = describe();
        ConvArgs.requireKernel(me, "kernel", kernel, "(kh, kw, cin/groups, cout)");
        if (groups < 1) throw new IllegalArgumentException(me + ": groups must be >= 1, got " + groups);
        int cout = kernel.dim(3);
        if (cout % groups != 0) {
            throw new IllegalArgumentException(me + ": kernel " + Shapes.toString(kernel.shape()) + " has " + cout
                    + " output channels, not divisible by groups=" + groups);
        }
        ConvArgs.requireBias(me, bias, cout);
        this.kernel = kernel;
        this.bias = bias;
        this.strides = ConvArgs.requirePair(me, "strides", strides);
        this.dilation = ConvArgs.requirePair(me, "dilation_rate", dilation);
        this.padding = ConvArgs.requirePadding(me, padding);
        this.groups = groups;
        this.activation = activation;
        this.engines = new PerEngine<>(e -> new Conv2DEngine(kernel, bias, this.strides, padding, this.dilation, groups, activation, e));
    }

    @Override public String kerasClass() { return "Conv2D"; }

    @Override
    public String kernelPath() {
        return ConvPlanner.conv2d(kernel.dim(0), kernel.dim(1), kernel.dim(2), kernel.dim(3), groups, strides, dilation,
                activation, Engine.current()).describe();
    }

    /** {@return input channels the layer expects: {@code kernel.dim(2) · groups}} */
    public int inputChannels() { return kernel.dim(2) * groups; }

    /** {@return output channels ({@code filters})} */
    public int filters() { return kernel.dim(3); }

    @Override
    public int[] outputShape(int[] inputShape) {
        ConvArgs.requireInput(describe(), inputShape, inputChannels(), "kernel", kernel.shape(), groups);
        return ConvArgs.convOutputShape(describe(), inputShape, kernel.dim(0), kernel.dim(1), strides, dilation,
                padding, filters());
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        return engines.current().forward(input, describe());
    }

    /** {@code kernel}, then {@code bias} when present (Keras's order and names). */
    @Override
    public List<Weight> weights() {
        return Weight.withBias(bias, Weight.trainable("kernel", kernel));
    }

    /** {@return the kernel {@code (kh, kw, cin/groups, cout)} (do not modify)} */
    public Tensor kernel() { return kernel; }
    /** {@return the bias {@code (cout)}, or null} */
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
     * Number of groups (1 for an ordinary convolution).
     * @return the number of groups
     */
    public int groups() { return groups; }
    /** {@return the activation, or null for linear} */
    public Activation activation() { return activation; }
    /** {@return {@code {kh, kw}}} */
    public int[] kernelSize() { return new int[] {kernel.dim(0), kernel.dim(1)}; }

    @Override
    public String toString() {
        return describe() + " kernel " + Shapes.toString(kernel.shape()) + " strides " + java.util.Arrays.toString(strides)
                + " " + padding.kerasName() + " dilation " + java.util.Arrays.toString(dilation) + " groups " + groups
                + (activation == null ? "" : " " + activation.name()) + " path " + kernelPath();
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
