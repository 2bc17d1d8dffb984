package org.convscope.internal.conv;

import org.convscope.activation.Activation;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.geometry.Padding;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.MatrixB;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * The fast transposed convolution: GEMM, then col2im.
 *
 * <pre>
 *   1. cols[M × kh·kw·cout] = in[M × cin] · kernelᵀ[cin × kh·kw·cout]      M = batch·inH·inW
 *      row i of cols holds, for every tap (ty, tx), the cout values input pixel i stamps there;
 *   2. col2im: add each stamp into out[b, iy·sh − padTop + ty·dh, ix·sw − padLeft + tx·dw, :]
 *      (a contiguous run of cout floats), dropping stamps outside the output;
 *   3. bias and activation.
 * </pre>
 * The transposed kernel is built once in the constructor. Rows are processed in chunks so the
 * cols buffer stays small. Geometry in {@link TransposeGeometry}. Immutable and thread-safe.
 *
 * <p>An implementation detail of {@code org.convscope.layers}, public only so that the layer classes
 * can reach it: use the layer instead.
 */
public final class TransposeEngine {
    private static final int CHUNK_FLOATS = 1 << 20;    // at most ~4 MB of cols at a time

    private final Gemm gemm;
    private final MatrixB kernelT;                       // [cin × kh·kw·cout], prepacked for the default GEMM
    private final float[] bias;
    private final int kh, kw, cout, cin;
    private final int[] strides, dilation, outputPadding;
    private final Padding padding;
    private final Activation activation;

    /**
     * Transposes the kernel to {@code [cin × kh·kw·cout]} and prepacks it for the default GEMM.
     * Performs no argument checks.
     *
     * @param kernel        {@code (kh, kw, cout, cin)} as Keras stores it, already validated by the layer
     * @param bias          {@code (cout)} or null (no bias)
     * @param strides       {@code {strideH, strideW}}, each &gt;= 1 (copied)
     * @param padding       {@link Padding#VALID} or {@link Padding#SAME}
     * @param dilation      {@code {dilationH, dilationW}}, each &gt;= 1 (copied)
     * @param outputPadding {@code {oph, opw}} or null (Keras's None; copied)
     * @param engine        the engine whose GEMM runs (and packs) the product
     * @param activation    null (linear) or any activation; elementwise ones are applied per output
     *                      pixel after the bias, others (softmax) to the finished output
     */
    public TransposeEngine(Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation,
                           int[] outputPadding, Activation activation, Engine engine) {
        this.kh = kernel.dim(0);
        this.kw = kernel.dim(1);
        this.cout = kernel.dim(2);
        this.cin = kernel.dim(3);
        int taps = kh * kw * cout;
        float[] k = kernel.data();
        float[] t = new float[cin * taps];
        for (int q = 0; q < taps; q++)              // q = (ty·kw + tx)·cout + co
            for (int ci = 0; ci < cin; ci++) t[ci * taps + q] = k[q * cin + ci];
        this.gemm = engine.gemm();
        this.kernelT = gemm.prepack(DenseMatrix.of(t, cin, taps));
        this.bias = bias == null ? null : bias.data();
        this.strides = strides.clone();
        this.dilation = dilation.clone();
        this.outputPadding = outputPadding == null ? null : outputPadding.clone();
        this.padding = padding;
        this.activation = activation;
    }

    /**
     * The transposed convolution of an NHWC input whose channel count the caller has checked, with
     * the default GEMM.
     *
     * @param input {@code [batch, inH, inW, cin]}; read, not modified
     * @param layer names the layer in errors
     * @return a new tensor {@code [batch, outH, outW, cout]} (sizes from {@link TransposeGeometry})
     * @throws IllegalArgumentException naming the layer when the output would be empty or the output
     *                                  padding does not fit the input size
     */
    public Tensor forward(Tensor input, String layer) { return forward(input, layer, gemm); }

    /**
     * As {@link #forward(Tensor, String)} with a given GEMM (tests run every implementation). The
     * transposed kernel was prepacked for the default GEMM; another GEMM must accept such an operand.
     *
     * @param input {@code [batch, inH, inW, cin]}; read, not modified
     * @param layer names the layer in errors
     * @param gemm  the matrix product to use for step 1
     * @return a new tensor {@code [batch, outH, outW, cout]}
     * @throws IllegalArgumentException naming the layer as {@link #forward(Tensor, String)} does
     */
    public Tensor forward(Tensor input, String layer, Gemm gemm) {
        TransposeGeometry geo = TransposeGeometry.of(layer, input.dim(0), input.dim(1), input.dim(2), kh, kw,
                strides, dilation, padding, outputPadding);
        int h = geo.inH(), w = geo.inW(), outH = geo.outH(), outW = geo.outW();
        int taps = kh * kw * cout;
        int m = geo.batch() * h * w;
        Tensor out = ActivationArena.zeros(geo.outputShape(cout));   // the scatter adds into zeros
        float[] x = input.data(), y = out.data();
        int chunk = Math.max(1, Math.min(m, CHUNK_FLOATS / Math.max(1, taps)));
        float[] cols = ActivationArena.floats(chunk * taps);   // the GEMM overwrites it
        for (int row0 = 0; row0 < m; row0 += chunk) {
            int rows = Math.min(chunk, m - row0);
            DenseMatrix a = new DenseMatrix(x, row0 * cin, rows, cin, cin);
            gemm.multiply(rows, taps, cin, a, kernelT, cols, 0, taps, Epilogue.NONE);
            scatter(cols, rows, row0, geo, y);
        }
        ActivationArena.giveBack(cols);
        ElementwiseActivation fused = FusedActivation.fusable(activation);
        if (bias != null || fused != null) {
            for (int o = 0; o < y.length; o += cout) {
                if (bias != null) for (int co = 0; co < cout; co++) y[o + co] += bias[co];
                if (fused != null) fused.applyInPlace(y, o, o + cout);
            }
        }
        return FusedActivation.finish(out, activation);
    }

    /** col2im: adds the stamps of input pixels {@code [row0, row0 + rows)} into the output. */
    private void scatter(float[] cols, int rows, int row0, TransposeGeometry geo, float[] y) {
        int h = geo.inH(), w = geo.inW(), outH = geo.outH(), outW = geo.outW();
        int sh = geo.strideH(), sw = geo.strideW(), dh = geo.dilationH(), dw = geo.dilationW();
        int taps = kh * kw * cout;
        int ix = row0 % w, iy = (row0 / w) % h, b = row0 / (w * h);
        for (int r = 0; r < rows; r++) {
            int oy0 = iy * sh - geo.padTop(), ox0 = ix * sw - geo.padLeft();
            for (int ty = 0; ty < kh; ty++) {
                int oy = oy0 + ty * dh;
                if (oy < 0 || oy >= outH) continue;
                for (int tx = 0; tx < kw; tx++) {
                    int ox = ox0 + tx * dw;
                    if (ox < 0 || ox >= outW) continue;
                    int src = r * taps + (ty * kw + tx) * cout;
                    int dst = ((b * outH + oy) * outW + ox) * cout;
                    for (int co = 0; co < cout; co++) y[dst + co] += cols[src + co];
                }
            }
            if (++ix == w) {
                ix = 0;
                if (++iy == h) { iy = 0; b++; }
            }
        }
    }
}
