package org.convscope.grad;

import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.SeparableConv2D;

/** Registers the backward rule of every convscope layer (called once by {@link LayerGradients}). */
final class BuiltinGradients {
    private BuiltinGradients() {}

    static void registerAll() {
        LayerGradients.register(Conv2D.class, new Conv2DGradient());
        LayerGradients.register(DepthwiseConv2D.class, new DepthwiseConv2DGradient());
        LayerGradients.register(SeparableConv2D.class, new SeparableConv2DGradient());
        LayerGradients.register(Conv2DTranspose.class, new Conv2DTransposeGradient());
    }
}
