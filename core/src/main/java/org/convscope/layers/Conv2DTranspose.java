package org.convscope.layers;

import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.geometry.Padding;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.internal.conv.ConvArgs;
import org.convscope.internal.conv.ConvPlanner;
import org.convscope.internal.conv.TransposeEngine;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Conv2DTranspose: kernel {@code (kh, kw, cout, cin)}, strides, dilation, padding,
 * output_padding, optional bias, activation. Output size per Keras's {@code deconv_output_length}
 * (see {@link TransposeGeometry}). Computed by {@link TransposeEngine} (GEMM + col2im); the readable
 * definition is {@link org.convscope.reference.ReferenceConv2DTranspose}.
 */
public final class Conv2DTranspose extends SingleInputLayer {
    private final Tensor kernel, bias;
    private final int[] strides, dilation, outputPadding;
    private final Padding padding;
    private final Activation activation;
    private final PerEngine<TransposeEngine> engines;    // packed kernel per engine

    /**
     * A transposed 2-D convolution with Keras's {@code Conv2DTranspose} arguments.
     *
     * @param kernel        {@code (kh, kw, cout, cin)} as Keras stores it
     * @param bias          {@code (cout)} or null
     * @param outputPadding {@code {oph, opw}}, each smaller than its stride, or null (Keras's None)
     * @param activation    null for linear
     * @param dilation {@code {dh, dw}}, the dilation rate
     * @param name the layer's name, unique in its model
     * @param padding {@code VALID} or {@code SAME}
     * @param strides {@code {sh, sw}}
     */
    public Conv2DTranspose(String name, Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation,
                           int[] outputPadding, Activation activation) {
        super(name);
        String me = describe();
        ConvArgs.requireKernel(me, "kernel", kernel, "(kh, kw, filters, cin)");
        ConvArgs.requireBias(me, bias, kernel.dim(2));
        this.kernel = kernel;
        this.bias = bias;
        this.strides = ConvArgs.requirePair(me, "strides", strides);
        this.dilation = ConvArgs.requirePair(me, "dilation_rate", dilation);
        this.padding = ConvArgs.requirePadding(me, padding);
        TransposeGeometry.checkOutputPadding(me, this.strides, outputPadding);
        this.outputPadding = outputPadding == null ? null : outputPadding.clone();
        this.activation = activation;
        this.engines = new PerEngine<>(e -> new TransposeEngine(kernel, bias, this.strides, padding, this.dilation, this.outputPadding, activation, e));
    }

    @Override public String kerasClass() { return "Conv2DTranspose"; }

    @Override
    public String kernelPath() { return ConvPlanner.transpose(kernel.dim(2), Engine.current()).describe(); }

    /**
     * Input channels, {@code kernel.dim(3)}.
     * @return the number of input channels
     */
    public int inputChannels() { return kernel.dim(3); }

    /** {@return output channels ({@code filters}), {@code kernel.dim(2)}} */
    public int filters() { return kernel.dim(2); }

    @Override
    public int[] outputShape(int[] inputShape) {
        String me = describe();
        ConvArgs.requireInput(me, inputShape, inputChannels(), "kernel", kernel.shape(), 0);
        Integer oph = outputPadding == null ? null : outputPadding[0];
        Integer opw = outputPadding == null ? null : outputPadding[1];
        return new int[] {inputShape[0],
                TransposeGeometry.outputLength(me, "height", inputShape[1], kernel.dim(0), strides[0], dilation[0], padding, oph),
                TransposeGeometry.outputLength(me, "width", inputShape[2], kernel.dim(1), strides[1], dilation[1], padding, opw),
                filters()};
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        return engines.current().forward(input, describe());
    }

    /** {@code kernel}, then {@code bias} when present. */
    @Override
    public List<Weight> weights() {
        return Weight.withBias(bias, Weight.trainable("kernel", kernel));
    }

    /** {@return the kernel {@code (kh, kw, cout, cin)} (do not modify)} */
    public Tensor kernel() { return kernel; }
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
    /** {@return {@code {oph, opw}}, or null when Keras's output_padding is None} */
    public int[] outputPadding() { return outputPadding == null ? null : outputPadding.clone(); }
    /**
     * The activation.
     * @return the activation, or null for linear
     */
    public Activation activation() { return activation; }
    /**
     * The kernel's spatial size.
     * @return {@code {kh, kw}}
     */
    public int[] kernelSize() { return new int[] {kernel.dim(0), kernel.dim(1)}; }

    @Override
    public boolean perImage(int inputRank) { return true; }

    @Override
    public String toString() { return describe() + " kernel " + Shapes.toString(kernel.shape()) + " strides " + java.util.Arrays.toString(strides) + " path " + kernelPath(); }
}
