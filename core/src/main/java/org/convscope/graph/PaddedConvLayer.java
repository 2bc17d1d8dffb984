package org.convscope.graph;

import org.convscope.internal.conv.Conv2DEngine;
import org.convscope.internal.conv.DepthwiseEngine;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.engine.PerEngine;
import org.convscope.layers.Conv2D;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.SingleInputLayer;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;

/**
 * A ZeroPadding2D folded into the Conv2D or DepthwiseConv2D it feeds (MobileNetV2's and
 * EfficientNet's stride-2 blocks, ResNet's first layer): the convolution reads the unpadded input
 * and counts the zero rows and columns as padding, so the padded copy is never written. The taps
 * that fall on those zeros are skipped, as every kernel skips the convolution's own padding; each
 * output is the same sum without its zero terms.
 *
 * <p>{@code conv} is the chain's convolution as {@link Fusion} made it (BatchNormalization folded
 * in, activation in the epilogue); its engine is rebuilt per calling engine with the zero padding.
 */
final class PaddedConvLayer extends SingleInputLayer {
    private final ZeroPadding2D pad;
    private final SingleInputLayer conv;
    private final int[] zeros;
    private final PerEngine<Conv2DEngine> convEngines;
    private final PerEngine<DepthwiseEngine> depthwiseEngines;

    /**
     * @param pad  the ZeroPadding2D
     * @param conv the (fused) convolution after it: a Conv2D or a DepthwiseConv2D
     */
    PaddedConvLayer(ZeroPadding2D pad, SingleInputLayer conv) {
        super(conv.name());
        this.pad = pad;
        this.conv = conv;
        this.zeros = pad.padding();
        if (conv instanceof Conv2D c) {
            this.convEngines = new PerEngine<>(e -> new Conv2DEngine(c.kernel(), c.bias(), c.strides(), c.padding(), c.dilation(),
                    c.groups(), c.activation(), e, zeros));
            this.depthwiseEngines = null;
        } else if (conv instanceof DepthwiseConv2D d) {
            this.convEngines = null;
            this.depthwiseEngines = new PerEngine<>(e -> new DepthwiseEngine(d.depthwiseKernel(), d.bias(), d.strides(), d.padding(),
                    d.dilation(), d.activation(), e, zeros));
        } else {
            throw new IllegalArgumentException("a ZeroPadding2D folds into a Conv2D or DepthwiseConv2D, not " + conv.kerasClass()
                    + " '" + conv.name() + "'");
        }
    }

    /** {@return whether a ZeroPadding2D can be folded into this layer} */
    static boolean canFoldInto(SingleInputLayer layer) { return layer instanceof Conv2D || layer instanceof DepthwiseConv2D; }

    @Override public String kerasClass() { return "ZeroPadding2D+" + conv.kerasClass(); }

    @Override
    public int[] outputShape(int[] inputShape) { return conv.outputShape(pad.outputShape(inputShape)); }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());                  // the layers' own checks and messages
        String who = kerasClass() + " '" + name() + "'";
        return convEngines != null ? convEngines.current().forward(input, who) : depthwiseEngines.current().forward(input, who);
    }

    @Override
    public String kernelPath() {
        Engine e = Engine.current();
        return (convEngines != null ? convEngines.get(e).plan() : depthwiseEngines.get(e).plan()).describe() + ", zero padding folded in";
    }

    @Override
    public boolean perImage(int inputRank) { return conv.perImage(inputRank); }

    @Override public String toString() { return kerasClass() + " '" + name() + "' padding " + java.util.Arrays.toString(zeros) + " then " + conv; }
}
