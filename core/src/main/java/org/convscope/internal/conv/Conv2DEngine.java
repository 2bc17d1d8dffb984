package org.convscope.internal.conv;

import java.util.Arrays;
import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.BiasActivation;
import org.convscope.internal.gemm.BlockedGemm;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.MatrixA;
import org.convscope.internal.gemm.MatrixB;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * The fast Conv2D (v1): a convolution is a matrix product.
 *
 * <pre>
 *   out[M × cout] = im2col(in)[M × K] · kernel[K × cout]      M = batch·outH·outW, K = kh·kw·cinG
 * </pre>
 * The NHWC output array <em>is</em> the row-major C, and the Keras kernel {@code (kh, kw, cinG, cout)}
 * <em>is</em> the row-major B, so neither is copied. A is an {@link Im2colMatrixA}, packed straight from
 * the input. With groups, group g is one GEMM over its input channels {@code [g·cinG, (g+1)·cinG)} and
 * output channels {@code [g·coutG, (g+1)·coutG)}: B and C are column slices (offset {@code g·coutG},
 * leading dimension {@code cout}), packed once in the constructor for the default GEMM
 * ({@link Gemm#prepack}). Bias and an elementwise activation run in the GEMM's epilogue.
 *
 * <p>A 1x1 convolution with stride 1 has no padding and no overlap, so im2col(in) is the input itself
 * read as a {@code [M × cin]} matrix: it is given to the GEMM as a {@link DenseMatrix}.
 *
 * <p>Which path runs is {@link ConvPlanner}'s decision for the engine the convolution is made
 * for: Winograd F(4x4, 3x3) or F(2x2, 3x3) ({@link WinogradConv2D}), the direct short-reduction
 * kernel ({@link DirectConv2D}), or the implicit GEMM (pointwise, im2col, grouped).
 *
 * <p>Immutable and thread-safe; the GEMM is the engine's.
 *
 * <p>An implementation detail of {@code org.convscope.layers}, public only so that the layer classes
 * can reach it: use the layer instead.
 */
public final class Conv2DEngine {
    private final int kh, kw, cinG, cout, groups;
    private final int[] strides, dilation;
    private final Padding padding;
    private final Activation activation;
    private final MatrixB[] kernelSlices;       // B for each group, prepacked for the default GEMM
    private final Epilogue[] epilogues;         // bias slice + fused activation for each group
    private final WinogradConv2D winograd;      // null unless Winograd is used for this layer
    private final DirectConv2D direct;          // null unless the short-reduction direct kernel is used
    private final Gemm gemm;                    // the engine's GEMM, for which B is prepacked
    private final ConvPlan plan;
    private final int[] zeroPad;                // a ZeroPadding2D folded in ({top, bottom, left, right}), or null

    /**
     * Prepares the convolution: slices the kernel per group and prepacks each slice for the default
     * GEMM, and builds each group's bias-and-activation epilogue. Performs no argument checks.
     *
     * @param kernel     {@code (kh, kw, cin/groups, cout)}, already validated by the layer
     * @param bias       {@code (cout)} or null (no bias)
     * @param strides    {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding    {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation   {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param groups     channel groups, dividing both {@code cin} and {@code cout}
     * @param activation null (linear) or any activation; elementwise ones are fused into the GEMM,
     *                   others (softmax) are applied to the finished output
     */
    public Conv2DEngine(Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation, int groups,
                        Activation activation) {
        this(kernel, bias, strides, padding, dilation, groups, activation, Engine.current());
    }

    /**
     * As the public constructor, for a given engine: the path is {@link ConvPlanner#conv2d}'s answer
     * for it, and B is prepacked for its GEMM.
     *
     * @param kernel     {@code (kh, kw, cin/groups, cout)}, already validated by the layer
     * @param bias       {@code (cout)} or null (no bias)
     * @param strides    {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding    {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation   {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param groups     channel groups, dividing both {@code cin} and {@code cout}
     * @param activation null (linear) or any activation
     * @param engine     the engine whose settings and GEMM this convolution uses
     */
    public Conv2DEngine(Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation, int groups,
                        Activation activation, Engine engine) {
        this(kernel, bias, strides, padding, dilation, groups, activation, engine, null);
    }

    /**
     * As the other constructor, for a convolution that absorbs the ZeroPadding2D before it: its input
     * is the unpadded tensor and the zeros count as padding (see
     * {@link ConvGeometry#of(String, int, int, int, int, int, int, int[], int[], Padding, int, int[])}).
     * The planner's path is kept where it reads the geometry's padding (direct, im2col, grouped);
     * a 1×1 stride-1 convolution (pointwise: the input itself is A) and Winograd (whose tiling
     * assumes Keras's own padding) take the implicit GEMM instead.
     *
     * @param kernel     {@code (kh, kw, cin/groups, cout)}, already validated by the layer
     * @param bias       {@code (cout)} or null (no bias)
     * @param strides    {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding    {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation   {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param groups     channel groups, dividing both {@code cin} and {@code cout}
     * @param activation null (linear) or any activation
     * @param engine     the engine whose settings and GEMM this convolution uses
     * @param zeroPad    {@code {top, bottom, left, right}} zeros before the convolution, or null
     */
    public Conv2DEngine(Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation, int groups,
                        Activation activation, Engine engine, int[] zeroPad) {
        this.zeroPad = zeroPad == null ? null : zeroPad.clone();
        this.kh = kernel.dim(0);
        this.kw = kernel.dim(1);
        this.cinG = kernel.dim(2);
        this.cout = kernel.dim(3);
        this.groups = groups;
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.padding = padding;
        this.activation = activation;
        this.gemm = engine.gemm();
        ConvPlan planned = ConvPlanner.conv2d(kh, kw, cinG, cout, groups, strides, dilation, activation, engine);
        boolean keep = zeroPad == null || planned.path() == ConvPath.DIRECT || planned.path() == ConvPath.IM2COL
                || planned.path() == ConvPath.GROUPED;
        this.plan = keep ? planned : new ConvPlan(groups > 1 ? ConvPath.GROUPED : ConvPath.IM2COL,
                kh + "x" + kw + " after zero padding");
        int coutG = cout / groups, k = kh * kw * cinG;
        ElementwiseActivation fused = FusedActivation.fusable(activation);
        this.kernelSlices = new MatrixB[groups];
        this.epilogues = new Epilogue[groups];
        boolean gemmPath = plan.path() == ConvPath.POINTWISE || plan.path() == ConvPath.IM2COL || plan.path() == ConvPath.GROUPED;
        for (int g = 0; g < groups; g++) {
            DenseMatrix slice = new DenseMatrix(kernel.data(), g * coutG, k, coutG, cout);
            kernelSlices[g] = gemmPath ? gemm.prepackForManyRows(slice) : slice;
            float[] biasSlice = bias == null ? null : Arrays.copyOfRange(bias.data(), g * coutG, (g + 1) * coutG);
            epilogues[g] = Epilogue.biasActivation(biasSlice, fused);
        }
        this.winograd = switch (plan.path()) {
            case WINOGRAD_F4 -> new WinogradConv2D(kernel, bias, fused, gemm, WinogradF4x3.INSTANCE, engine.l2Bytes(), engine.vector());
            case WINOGRAD_F2 -> new WinogradConv2D(kernel, bias, fused, gemm, WinogradF2x3.INSTANCE, engine.l2Bytes(), engine.vector());
            default -> null;
        };
        this.direct = plan.path() == ConvPath.DIRECT ? new DirectConv2D(kernel, bias, fused, engine.vectorBits()) : null;
    }

    /** {@return the path this convolution takes, as {@link ConvPlanner} chose it} */
    public ConvPlan plan() { return plan; }

    /** {@return whether this convolution runs through the direct short-reduction kernel} */
    boolean usesDirect() { return direct != null; }

    /** {@return whether this convolution runs through Winograd (F(2x2, 3x3) or F(4x4, 3x3))} */
    boolean usesWinograd() { return winograd != null; }

    /** {@return the Winograd algorithm this convolution runs, or null} */
    WinogradTransform winogradTransform() { return winograd == null ? null : winograd.transform(); }

    /** {@return whether this is a plain 1x1, stride-1, one-group convolution (the GEMM of its input as it is)} */
    boolean isPointwise() { return plan.path() == ConvPath.POINTWISE; }

    /**
     * A pointwise convolution ({@link #isPointwise}) of an input given as a GEMM operand (one row
     * per output pixel, one column per input channel), for example a depthwise convolution computed
     * while the GEMM packs it.
     *
     * @param a the input as {@code [batch·outH·outW × cin]}
     * @return {@code [batch, outH, outW, cout]} with bias and activation applied
     */
    Tensor forwardOn(MatrixA a, int batch, int outH, int outW, Gemm gemm) {
        Tensor out = ActivationArena.uninitialized(batch, outH, outW, cout);    // the GEMM writes every value
        gemm.multiply(a.rows(), cout, cinG, a, kernelSlices[0], out.data(), 0, cout, epilogues[0]);
        return FusedActivation.finish(out, activation);
    }

    /**
     * The end of a residual block: {@code after(conv(input) + shortcut)}, the convolution with its
     * bias and activation as {@link #forward(Tensor, String)} computes it. On the GEMM paths with one
     * group the shortcut is added in the GEMM's epilogue, to each block of the output while it is in
     * cache (no pass over the finished output); on the others (Winograd, direct, grouped) after it.
     * Elementwise activations only: the caller fuses nothing else.
     *
     * @param input    {@code [batch, H, W, cin]}; read, not modified
     * @param shortcut the other operand of the sum, of the output's shape; read, not modified
     * @param after    the activation after the sum, or null
     * @param layer    names the layer in errors
     * @return a new tensor {@code [batch, outH, outW, cout]}
     * @throws IllegalArgumentException naming the layer when the shortcut's shape is not the output's
     */
    public Tensor forwardAdd(Tensor input, Tensor shortcut, ElementwiseActivation after, String layer) {
        ConvGeometry geo = ConvGeometry.of(layer, input.dim(0), input.dim(1), input.dim(2), input.dim(3),
                kh, kw, strides, dilation, padding, groups, zeroPad);
        int[] shape = geo.outputShape(cout);
        if (!Arrays.equals(shape, shortcut.shape())) {
            throw new IllegalArgumentException(layer + ": the shortcut added to the convolution has shape "
                    + org.convscope.tensor.Shapes.toString(shortcut.shape()) + ", expected the output's "
                    + org.convscope.tensor.Shapes.toString(shape));
        }
        boolean gemmPath = (plan.path() == ConvPath.POINTWISE || plan.path() == ConvPath.IM2COL) && groups == 1;
        if (!gemmPath || FusedActivation.fusable(activation) != activation) {
            Tensor out = forward(input, layer);
            float[] y = out.data(), r = shortcut.data();
            for (int i = 0; i < y.length; i++) y[i] += r[i];
            if (after != null) after.applyInPlace(y, 0, y.length);
            return out;
        }
        Tensor out = ActivationArena.uninitialized(shape);          // the GEMM writes every value
        float[] x = input.data();
        int m = geo.outputPixels(), k = kh * kw * cinG;
        MatrixA a = plan.path() == ConvPath.POINTWISE ? new DenseMatrix(x, 0, m, cinG, geo.inC()) : Im2colMatrixA.of(x, geo, 0);
        BiasActivation base = epilogues[0] instanceof BiasActivation b ? b : new BiasActivation(null, null);
        gemm.multiply(m, cout, k, a, kernelSlices[0], out.data(), 0, cout, base.withResidual(shortcut.data(), after));
        return out;
    }

    /**
     * Convolves an NHWC input whose channel count the caller has checked, with the default GEMM.
     *
     * @param input {@code [batch, H, W, cin]}; read, not modified
     * @param layer names the layer in errors (for example an empty output)
     * @return a new tensor {@code [batch, outH, outW, cout]} with bias and activation applied
     * @throws IllegalArgumentException naming the layer when the output would be empty
     */
    public Tensor forward(Tensor input, String layer) { return forward(input, layer, gemm); }

    /**
     * As {@link #forward(Tensor, String)} with a given GEMM (tests run every implementation). The
     * kernel was prepacked for the default GEMM; another GEMM must accept such a prepacked operand.
     *
     * @param input {@code [batch, H, W, cin]}; read, not modified
     * @param layer names the layer in errors
     * @param gemm  the matrix product to use
     * @return a new tensor {@code [batch, outH, outW, cout]} with bias and activation applied
     * @throws IllegalArgumentException naming the layer when the output would be empty
     */
    public Tensor forward(Tensor input, String layer, Gemm gemm) {
        ConvGeometry geo = ConvGeometry.of(layer, input.dim(0), input.dim(1), input.dim(2), input.dim(3),
                kh, kw, strides, dilation, padding, groups, zeroPad);
        Tensor out = ActivationArena.uninitialized(geo.outputShape(cout));   // each path writes every value
        float[] x = input.data(), y = out.data();
        if (winograd != null) {
            winograd.forward(x, geo, y, gemm);
            return FusedActivation.finish(out, activation);
        }
        if (direct != null && !(gemm instanceof BlockedGemm)) {    // the scalar GEMM asked for: no vector kernels
            direct.forward(x, geo, y, gemm);
            return FusedActivation.finish(out, activation);
        }
        int m = geo.outputPixels(), coutG = cout / groups, k = kh * kw * cinG;
        boolean pointwise = kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 && zeroPad == null;
        for (int g = 0; g < groups; g++) {
            MatrixA a = pointwise
                    ? new DenseMatrix(x, g * cinG, m, cinG, geo.inC())   // 1x1, stride 1: the input is im2col
                    : Im2colMatrixA.of(x, geo, g);
            gemm.multiply(m, coutG, k, a, kernelSlices[g], y, g * coutG, cout, epilogues[g]);
        }
        return FusedActivation.finish(out, activation);
    }
}
