package org.convscope.explain;

import java.util.List;
import org.convscope.geometry.ConvGeometry;

/**
 * What one node of a model does, in numbers a student can check by hand (see {@link Explainer}).
 * All counts are per image (batch 1).
 *
 * @param name        node name
 * @param kerasClass  Keras class
 * @param inputShapes the input shapes, batch first (-1), empty for an InputLayer
 * @param outputShape the output shape, batch first (-1)
 * @param window      the sliding window of a convolution or pooling layer on this input, else null
 * @param params      weights of this layer (kernel, bias, BN statistics...) as {@code summary()} counts them
 * @param flops       2 × the multiply-adds of a convolution or dense layer (0 for other layers)
 * @param gemm        the matrix product the layer becomes, or null
 * @param im2colFloats values an explicit im2col matrix would hold (0 when there is none)
 * @param field       receptive field and jump on the model's input
 * @param details     the explanation lines: formula with this layer's numbers, padding split, kernels,
 *                    parameters, GEMM and im2col
 */
public record LayerExplanation(String name, String kerasClass, List<int[]> inputShapes, int[] outputShape,
                               ConvGeometry window, long params, long flops, GemmShape gemm, long im2colFloats,
                               ReceptiveField field, List<String> details) {
    /**
     * Copies both lists, so that the explanation is immutable.
     *
     * @throws NullPointerException if {@code inputShapes} or {@code details} is null or holds null
     */
    public LayerExplanation {
        inputShapes = List.copyOf(inputShapes);
        details = List.copyOf(details);
    }
}
