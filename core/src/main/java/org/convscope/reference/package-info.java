/**
 * The reference operations: convolution, depthwise and transposed convolution (and pooling) written as plain
 * nested loops, exactly as a textbook states them.
 *
 * <p>They exist for two reasons:
 * <ol>
 *   <li><b>To teach.</b> Each one is short and reads top to bottom: the loops, the output-size
 *       formula and TensorFlow's padding split are in front of you, with no blocking, packing or
 *       vectorisation in the way.</li>
 *   <li><b>To be the oracle.</b> Every fast path in {@code org.convscope.conv} (im2col + GEMM, the
 *       direct depthwise loop, the GEMM + col2im transpose, the pooling layers) is tested against these on seeded random
 *       sweeps. For that they deliberately do not reuse the fast code's geometry class
 *       ({@code ConvGeometry}): the window arithmetic is written again here, in {@link Window}, so a
 *       mistake in one is caught by the other.</li>
 * </ol>
 * Keep them slow and obvious: never optimise this package. All tensors are NHWC and float32; sums
 * are accumulated in double.
 */
package org.convscope.reference;
