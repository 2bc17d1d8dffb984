/**
 * convscope's engine: NHWC float32 tensors, one class per Keras layer, the graph that runs them,
 * the plain-loop reference ops, the GEMM, and image input. Depends on the JDK alone.
 *
 * <p><b>Vector API.</b> The fast GEMM uses the incubating {@code jdk.incubator.vector} module, which
 * this module reads only if it is present ({@code requires static}): start the JVM with
 * {@code --add-modules jdk.incubator.vector} to get it. Without it everything still works on a scalar
 * GEMM, and one line saying so is logged through {@link java.lang.System.Logger} (logger
 * {@code org.convscope.gemm}).
 *
 * <p><b>Threads.</b> Tensor shapes, layers and {@link org.convscope.graph.Graph}s are immutable once
 * built, so one model can be run by many threads at once; each call allocates its own outputs. A
 * tensor's data array is not protected: the engine never writes to a tensor it did not create, and
 * callers must not write to an array while a model reads it.
 *
 * <p>Exported: {@code tensor}, {@code layers}, {@code activation}, {@code graph}, {@code reference},
 * {@code image}, {@code grad}, {@code explain}, {@code engine} (the engine's settings,
 * {@code EngineConfig}) and {@code geometry} ({@code Padding}, {@code ConvGeometry},
 * {@code TransposeGeometry}: output sizes and TensorFlow's padding split). The engine itself — the
 * GEMM and its thread pool ({@code internal.gemm}), the convolution kernels and the path planner
 * ({@code internal.conv}), BatchNormalization folding ({@code internal.fusion}) and the engine
 * configuration's resolution ({@code internal.engine}) — lives in {@code org.convscope.internal.*},
 * which is not exported (Lucene's pattern): it may change in any release.
 */
module org.convscope.core {
    requires static jdk.incubator.vector;
    // javax.imageio decodes PNG/JPEG in org.convscope.image, whose API hands out BufferedImages
    requires transitive java.desktop;

    exports org.convscope.tensor;
    exports org.convscope.layers;
    exports org.convscope.activation;
    exports org.convscope.graph;
    exports org.convscope.reference;
    exports org.convscope.image;
    exports org.convscope.grad;
    exports org.convscope.explain;
    exports org.convscope.engine;
    exports org.convscope.geometry;
}
