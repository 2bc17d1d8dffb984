package org.convscope.internal.conv;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.internal.vector.Clamp;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * The fast depthwise convolution: a direct loop over NHWC data, with the channels innermost so
 * that every inner loop runs over contiguous memory.
 *
 * <p>For kernel tap {@code (ty, tx)}, the Keras kernel {@code (kh, kw, cin, mult)} holds the weights of
 * all output channels {@code q = c·mult + m} contiguously, in the same order as the output pixel. So
 * each output pixel is a sum over taps of (input pixel, each channel repeated mult times) ⊙ (kernel
 * slice): with mult = 1 a plain elementwise multiply-add the JIT vectorises.
 *
 * <p>Immutable and thread-safe (the kernel and bias arrays are kept, not copied; nobody writes them).
 *
 * <p>An implementation detail of {@code org.convscope.layers}, public only so that the layer classes
 * can reach it: use the layer instead.
 */
public final class DepthwiseEngine {
    private final float[] kernel;     // (kh, kw, cin, mult), row-major
    private final float[] bias;       // (cin·mult) or null
    private final int kh, kw, cin, mult;
    private final int[] strides, dilation;
    private final Padding padding;
    private final Activation activation;
    private final boolean vector;           // the Vector API loops (else the scalar loops below)
    private final Gemm gemm;                // the engine's GEMM (threads; a fused separable's pointwise product)
    private final ConvPlan plan;
    private final int[] zeroPad;            // a ZeroPadding2D folded in ({top, bottom, left, right}), or null

    /**
     * Keeps the weights for {@link #forward}. Performs no argument checks.
     *
     * @param depthwiseKernel {@code (kh, kw, cin, mult)}, already validated by the layer
     * @param bias            {@code (cin·mult)} or null (no bias)
     * @param strides         {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding         {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation        {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param activation      null (linear) or any activation; elementwise ones are applied per output
     *                        pixel, others (softmax) to the finished output
     * @param engine          the engine whose settings decide the path ({@link ConvPlanner#depthwise})
     */
    public DepthwiseEngine(Tensor depthwiseKernel, Tensor bias, int[] strides, Padding padding, int[] dilation,
                           Activation activation, Engine engine) {
        this(depthwiseKernel, bias, strides, padding, dilation, activation, engine, null);
    }

    /**
     * As the other constructor, for a depthwise convolution that absorbs the ZeroPadding2D before it:
     * its input is the unpadded tensor, and the zeros count as padding (see
     * {@link ConvGeometry#of(String, int, int, int, int, int, int, int[], int[], Padding, int, int[])}).
     *
     * @param depthwiseKernel {@code (kh, kw, cin, mult)}, already validated by the layer
     * @param bias            {@code (cin·mult)} or null (no bias)
     * @param strides         {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding         {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation        {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param activation      null (linear) or any activation
     * @param engine          the engine whose settings decide the path
     * @param zeroPad         {@code {top, bottom, left, right}} zeros before the convolution, or null
     */
    public DepthwiseEngine(Tensor depthwiseKernel, Tensor bias, int[] strides, Padding padding, int[] dilation,
                           Activation activation, Engine engine, int[] zeroPad) {
        this.zeroPad = zeroPad == null ? null : zeroPad.clone();
        this.kernel = depthwiseKernel.data();
        this.kh = depthwiseKernel.dim(0);
        this.kw = depthwiseKernel.dim(1);
        this.cin = depthwiseKernel.dim(2);
        this.mult = depthwiseKernel.dim(3);
        this.bias = bias == null ? null : bias.data();
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.padding = padding;
        this.activation = activation;
        this.plan = ConvPlanner.depthwise(kw, cin, mult, strides, dilation, engine);
        this.vector = plan.path() != ConvPath.DEPTHWISE_SCALAR;
        this.gemm = engine.gemm();
    }

    /** {@return the path this depthwise convolution takes} */
    public ConvPlan plan() { return plan; }

    /**
     * Convolves an NHWC input whose channel count the caller has checked. Output channel
     * {@code q = c·mult + m} is input channel {@code c} convolved with kernel slice {@code [.., .., c, m]}.
     *
     * @param input {@code [batch, H, W, cin]}; read, not modified
     * @param layer names the layer in errors (for example an empty output)
     * @return a new tensor {@code [batch, outH, outW, cin·mult]} with bias and activation applied
     * @throws IllegalArgumentException naming the layer when the output would be empty
     */
    public Tensor forward(Tensor input, String layer) {
        ConvGeometry geo = ConvGeometry.of(layer, input.dim(0), input.dim(1), input.dim(2), input.dim(3),
                kh, kw, strides, dilation, padding, 1, zeroPad);
        int h = geo.inH(), w = geo.inW(), outH = geo.outH(), outW = geo.outW(), cout = cin * mult;
        int sh = geo.strideH(), sw = geo.strideW(), dh = geo.dilationH(), dw = geo.dilationW();
        Tensor out = ActivationArena.uninitialized(geo.outputShape(cout));   // every value written below
        float[] x = input.data(), y = out.data(), k = kernel;
        ElementwiseActivation fused = FusedActivation.fusable(activation);
        if (vector) {
            vectorRows(x, geo, y, fused);
            return FusedActivation.finish(out, activation);
        }
        int o = 0;                                                       // start of the current output pixel
        for (int b = 0; b < geo.batch(); b++) {
            int image = b * h * w * cin;
            for (int oy = 0; oy < outH; oy++) {
                int iy0 = oy * sh - geo.padTop();
                for (int ox = 0; ox < outW; ox++, o += cout) {
                    int ix0 = ox * sw - geo.padLeft();
                    if (bias != null) System.arraycopy(bias, 0, y, o, cout);
                    else java.util.Arrays.fill(y, o, o + cout, 0f);
                    for (int ty = 0; ty < kh; ty++) {
                        int iy = iy0 + ty * dh;
                        if (iy < 0 || iy >= h) continue;                 // padding row
                        for (int tx = 0; tx < kw; tx++) {
                            int ix = ix0 + tx * dw;
                            if (ix < 0 || ix >= w) continue;             // padding column
                            int xs = image + (iy * w + ix) * cin;
                            int ks = (ty * kw + tx) * cout;
                            if (mult == 1) {
                                for (int c = 0; c < cin; c++) y[o + c] += x[xs + c] * k[ks + c];
                            } else {
                                for (int c = 0, q = 0; c < cin; c++) {
                                    float xv = x[xs + c];
                                    for (int m = 0; m < mult; m++, q++) y[o + q] += xv * k[ks + q];
                                }
                            }
                        }
                    }
                    if (fused != null) fused.applyInPlace(y, o, o + cout);
                }
            }
        }
        return FusedActivation.finish(out, activation);
    }

    /**
     * A separable convolution: this depthwise convolution, then {@code pointwise} (a 1x1, stride-1
     * convolution) on its output. With depth multiplier 1, no bias and no activation here (Keras's
     * SeparableConv2D: both belong to the pointwise step) and the Vector API, the depthwise output
     * is computed block by block inside the pointwise GEMM's packing ({@link DepthwiseMatrixA})
     * and never stored whole; otherwise the two run one after the other.
     *
     * @param input     {@code [batch, H, W, cin]}, its channel count checked by the caller
     * @param layer     names the layer in errors
     * @param pointwise the 1x1 convolution {@code cin → cout}
     * @return {@code [batch, outH, outW, cout]}
     */
    public Tensor forwardSeparable(Tensor input, String layer, Conv2DEngine pointwise) {
        if (!(vector && bias == null && activation == null && pointwise.isPointwise())) {
            Tensor mid = forward(input, layer);
            Tensor out = pointwise.forward(mid, layer);
            ActivationArena.giveBack(mid.data());          // the depthwise output is read by nobody else
            return out;
        }
        ConvGeometry geo = ConvGeometry.of(layer, input.dim(0), input.dim(1), input.dim(2), input.dim(3),
                kh, kw, strides, dilation, padding, 1, zeroPad);
        return pointwise.forwardOn(new DepthwiseMatrixA(input.data(), kernel, geo, kh, kw, cin),
                geo.batch(), geo.outH(), geo.outW(), gemm);
    }

    /**
     * Depth multiplier 1 on the Vector API ({@link DepthwiseVector}): output rows shared out over the
     * engine's threads when the output is large enough to pay for the hand-out (about 64 KiB).
     */
    private void vectorRows(float[] x, ConvGeometry geo, float[] y, ElementwiseActivation fused) {
        float[] clamp = Clamp.of(fused);                  // relu, relu6: in the row kernels, before the store
        ElementwiseActivation after = clamp != null ? null : fused;
        int rows = geo.batch() * geo.outH(), rowSize = Math.max(1, geo.outW() * cin);
        int threads = (long) rows * rowSize >= 1 << 14 ? gemm.threads() : 1;
        int perTask = Math.max(1, Math.min((1 << 13) / rowSize, rows / Math.max(1, 4 * threads)));
        Gemms.parallelFor(threads, (rows + perTask - 1) / perTask, t -> {
            for (int r = t * perTask; r < Math.min(rows, (t + 1) * perTask); r++) {
                DepthwiseVector.row(x, kernel, bias, geo, kh, kw, cin, y, r, clamp);
                if (after != null) after.applyInPlace(y, r * rowSize, (r + 1) * rowSize);
            }
        });
    }
}
