/**
 * The fast convolution paths and the window geometry they share.
 *
 * <ul>
 *   <li>{@link org.convscope.geometry.ConvGeometry}: output size and TensorFlow's padding split for a
 *       convolution or pooling window; {@link org.convscope.geometry.TransposeGeometry} for transposed
 *       convolutions (Keras's {@code deconv_output_length}).</li>
 *   <li>{@link org.convscope.internal.conv.Conv2DEngine}: Conv2D as im2col · kernel, one GEMM per group, with
 *       the patches packed straight from the NHWC input by {@link org.convscope.internal.conv.Im2colMatrixA}
 *       (never materialised), bias and activation fused into the GEMM epilogue, and 1x1 stride-1
 *       convolutions reading the input itself as the left matrix.</li>
 *   <li>{@link org.convscope.internal.conv.DepthwiseEngine}: a direct NHWC loop, channels innermost.</li>
 *   <li>{@link org.convscope.internal.conv.TransposeEngine}: input · kernelᵀ by GEMM, then col2im scatter-add.</li>
 * </ul>
 * Every path here is tested against the plain loops of {@code org.convscope.reference}.
 *
 * <p>The geometry classes are API: immutable, and used by {@code org.convscope.explain} to explain
 * layers with the same numbers the engines compute with. The engines, {@link org.convscope.internal.conv.Im2colMatrixA}
 * and {@link org.convscope.internal.conv.ConvArgs} are implementation details, public only so that the layer
 * classes can reach them; their signatures may change.
 */
package org.convscope.internal.conv;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.TransposeGeometry;
