/**
 * Explanations of a model in numbers a student can check by hand, and a convolution done step by
 * step.
 *
 * <ul>
 *   <li>{@link org.convscope.explain.Explainer#explain(org.convscope.graph.Graph)} gives a
 *       {@link org.convscope.explain.ModelExplanation}: per layer the output-size formula with the
 *       layer's own numbers, the padding split, parameters, FLOPs, the GEMM the layer becomes
 *       ({@link org.convscope.explain.GemmShape}), the im2col size and the receptive field;
 *       {@link org.convscope.explain.ExplainTable} prints it.</li>
 *   <li>{@link org.convscope.explain.ReceptiveFields} and {@link org.convscope.explain.Footprint}:
 *       which input cells an output cell depends on, through any graph.</li>
 *   <li>{@link org.convscope.explain.ConvDemo}: a tiny convolution as im2col · kernel with the
 *       engine's own packing and GEMM, next to the seven-loop reference.</li>
 * </ul>
 * Counts are per image (batch 1). The records are immutable; the utility classes are stateless.
 */
package org.convscope.explain;
