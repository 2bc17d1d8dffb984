package org.convscope.grad;

import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Concatenate;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Flatten;
import org.convscope.layers.GlobalPooling2D;
import org.convscope.layers.Identity;
import org.convscope.layers.Merge;
import org.convscope.layers.PReLU;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.Rescaling;
import org.convscope.layers.Reshape;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;

/** Registers the backward rule of every convscope layer (called once by {@link LayerGradients}). */
final class BuiltinGradients {
    private BuiltinGradients() {}

    static void registerAll() {
        LayerGradients.register(Conv2D.class, new Conv2DGradient());
        LayerGradients.register(DepthwiseConv2D.class, new DepthwiseConv2DGradient());
        LayerGradients.register(SeparableConv2D.class, new SeparableConv2DGradient());
        LayerGradients.register(Conv2DTranspose.class, new Conv2DTransposeGradient());
        LayerGradients.register(Dense.class, new DenseGradient());
        LayerGradients.register(BatchNormalization.class, new BatchNormalizationGradient());
        // Activation, ReLU, LeakyReLU, ELU, Softmax, ThresholdedReLU are all ActivationLayers.
        LayerGradients.register(ActivationLayer.class, new ActivationLayerGradient());
        LayerGradients.register(PReLU.class, new PReLUGradient());
        // MaxPooling2D, AveragePooling2D / GlobalAveragePooling2D, GlobalMaxPooling2D
        LayerGradients.register(Pooling2D.class, new PoolingGradient());
        LayerGradients.register(GlobalPooling2D.class, new GlobalPoolingGradient());
        ReshapeGradient reshape = new ReshapeGradient();
        LayerGradients.register(Flatten.class, reshape);
        LayerGradients.register(Reshape.class, reshape);
        LayerGradients.register(Identity.class, reshape);
        LayerGradients.register(org.convscope.layers.OpReshape.class, reshape);   // reshape / squeeze / expand_dims op nodes
        PadCropGradient padCrop = new PadCropGradient();
        LayerGradients.register(ZeroPadding2D.class, padCrop);
        LayerGradients.register(Cropping2D.class, padCrop);
        LayerGradients.register(UpSampling2D.class, new UpSampling2DGradient());
        LayerGradients.register(Rescaling.class, new RescalingGradient());
        // Add, Subtract, Multiply, Average, Maximum, Minimum
        LayerGradients.register(Merge.class, new MergeGradient());
        LayerGradients.register(Concatenate.class, new ConcatenateGradient());
    }
}
