package org.convscope.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convscope.geometry.ConvGeometry;
import org.convscope.internal.conv.Im2colMatrixA;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemms;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.tensor.Tensor;

/**
 * A convolution done by hand on a tiny example, the way the engine does it, next to the textbook
 * loops: the (padded) input, the im2col matrix A, the kernel as a column B, the product A·B read
 * back as the output image, and the seven-loop {@link ReferenceConv2D} on the same numbers.
 *
 * <p>All numbers are small integers, so both ways give exactly the same floats. The matrix A is read
 * from the engine's own {@link Im2colMatrixA} and the product is computed by the engine's default
 * GEMM ({@link Gemms#defaultGemm()}), so the demo shows what really runs.
 *
 * <pre>{@code
 * ConvDemo demo = ConvDemo.run(DemoOptions.defaults().withPadding(Padding.SAME));
 * System.out.print(demo.render());
 * }</pre>
 */
public final class ConvDemo {
    private final DemoOptions options;
    private final ConvGeometry geometry;
    private final Tensor input, kernel, reference;
    private final float[][] im2col;
    private final float[] kernelColumn, product;

    private ConvDemo(DemoOptions o) {
        this.options = o;
        int n = o.size(), c = o.channels(), k = o.kernel();
        this.input = exampleInput(n, c);
        this.kernel = exampleKernel(k, c);
        int[] s = {o.stride(), o.stride()}, d = {o.dilation(), o.dilation()};
        this.geometry = ConvGeometry.of("demo", 1, n, n, c, k, k, s, d, o.padding(), 1);
        Im2colMatrixA a = Im2colMatrixA.of(input.data(), geometry, 0);
        this.im2col = new float[a.rows()][a.cols()];
        for (int i = 0; i < a.rows(); i++) for (int p = 0; p < a.cols(); p++) im2col[i][p] = a.get(i, p);
        this.kernelColumn = kernel.data().clone();           // (kh, kw, cin, 1) row-major = a K×1 column
        this.product = new float[a.rows()];
        Gemms.defaultGemm().multiply(a.rows(), 1, a.cols(), a, DenseMatrix.of(kernelColumn, a.cols(), 1), product, 0, 1, Epilogue.NONE);
        this.reference = ReferenceConv2D.conv2d(input, kernel, null, s, o.padding(), d, 1);
    }

    /**
     * Runs the demo: builds the example input and kernel, reads A from the engine's im2col,
     * multiplies with the default GEMM and runs the reference convolution.
     *
     * @param options the sizes, stride, padding and dilation (already range-checked by {@link DemoOptions})
     * @return the finished demo, immutable
     * @throws IllegalArgumentException when the options give an empty output (e.g. a dilated kernel
     *                                  larger than a 'valid' input), with the reason
     */
    public static ConvDemo run(DemoOptions options) { return new ConvDemo(options); }

    /**
     * The example input: 1, 2, …, 9, 1, 2… row by row, each channel shifted by 3, so every value is
     * {@code ((y·n + x + 3·ch) mod 9) + 1}.
     *
     * @param n height and width
     * @param c channels
     * @return a new tensor {@code [1, n, n, c]}
     */
    public static Tensor exampleInput(int n, int c) {
        Tensor t = Tensor.zeros(1, n, n, c);
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) for (int ch = 0; ch < c; ch++) t.set((y * n + x + 3 * ch) % 9 + 1, 0, y, x, ch);
        return t;
    }

    /**
     * The example kernel {@code [k, k, c, 1]} with values in {−1, 0, 1}: {@code ((ty·k + tx + ch) mod 3) − 1};
     * for 3x3 on channel 0 it is the vertical-edge detector −1 0 1 in every row.
     *
     * @param k height and width
     * @param c input channels
     * @return a new tensor {@code [k, k, c, 1]} (one filter)
     */
    public static Tensor exampleKernel(int k, int c) {
        Tensor t = Tensor.zeros(k, k, c, 1);
        for (int ty = 0; ty < k; ty++) for (int tx = 0; tx < k; tx++) for (int ch = 0; ch < c; ch++) t.set((ty * k + tx + ch) % 3 - 1, ty, tx, ch, 0);
        return t;
    }

    /** {@return the options the demo ran with} */
    public DemoOptions options() { return options; }
    /** {@return the convolution's geometry: output size and padding split} */
    public ConvGeometry geometry() { return geometry; }
    /** {@return the example input {@code [1, n, n, c]} (the demo's own tensor: do not modify it)} */
    public Tensor input() { return input; }
    /** {@return the example kernel {@code [k, k, c, 1]} (the demo's own tensor: do not modify it)} */
    public Tensor kernel() { return kernel; }
    /** {@return a copy of A, {@code M×K} with {@code M = H_out·W_out}, {@code K = k·k·c}: one row per output pixel} */
    public float[][] im2col() {
        float[][] a = new float[im2col.length][];
        for (int i = 0; i < a.length; i++) a[i] = im2col[i].clone();
        return a;
    }
    /** {@return a copy of B, the kernel as a column of K values in (ty, tx, channel) order} */
    public float[] kernelColumn() { return kernelColumn.clone(); }
    /** {@return a copy of A·B: M values, the output image row by row} */
    public float[] product() { return product.clone(); }
    /** {@return the seven-loop reference result {@code [1, H_out, W_out, 1]} (do not modify it)} */
    public Tensor reference() { return reference; }

    /** {@return the largest |A·B − reference| over the output (0 for the integer example)} */
    public float maxDifference() {
        float m = 0;
        for (int i = 0; i < product.length; i++) m = Math.max(m, Math.abs(product[i] - reference.data()[i]));
        return m;
    }

    /**
     * {@return the whole demo as text, step by step: the input, the padding, the im2col matrix, the
     * kernel column, the product read back as the output image, and the check against the reference}
     */
    public String render() {
        ConvGeometry g = geometry;
        int n = options.size(), c = options.channels(), k = options.kernel();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Convolution step by step: %dx%d input, %d channel(s), %dx%d kernel, stride %d, padding '%s', dilation %d%n%n",
                n, n, c, k, k, options.stride(), g.padding().kerasName(), options.dilation()));

        sb.append("1. The input").append(c > 1 ? " (one grid per channel)" : "").append(":\n");
        for (int ch = 0; ch < c; ch++) sb.append(grid(plane(input, ch, n, n, c), n, n, c > 1 ? "channel " + ch : null, "  "));

        int ph = n + g.padTop() + g.padBottom(), pw = n + g.padLeft() + g.padRight();
        sb.append('\n').append("2. Padding '").append(g.padding().kerasName()).append("': out = ")
                .append(Explainer.sizeFormula(g.padding(), n, k, options.stride(), options.dilation(), g.outH()).replaceFirst("^\\w+: ", ""))
                .append("; pad top/bottom/left/right = ").append(g.padTop()).append('/').append(g.padBottom()).append('/')
                .append(g.padLeft()).append('/').append(g.padRight());
        if (g.padTop() + g.padBottom() + g.padLeft() + g.padRight() == 0) {
            sb.append(" (nothing to add)\n");
        } else {
            sb.append(" (TensorFlow puts an odd extra row/column at the bottom/right); '.' is a padding zero:\n");
            for (int ch = 0; ch < c; ch++) sb.append(paddedGrid(ch, ph, pw, c > 1 ? "channel " + ch : null));
        }
        if (options.dilation() > 1) {
            sb.append("   dilation ").append(options.dilation()).append(": the kernel taps are ").append(options.dilation())
                    .append(" cells apart, so the ").append(k).append('x').append(k).append(" kernel spans ")
                    .append(g.dilatedKh()).append('x').append(g.dilatedKw()).append(" cells\n");
        }

        int m = im2col.length, kk = kernelColumn.length;
        sb.append('\n').append("3. im2col: A has one row per output pixel (M = ").append(g.outH()).append("·").append(g.outW()).append(" = ").append(m)
                .append(") and one column per kernel tap").append(c > 1 ? " and channel" : "").append(" (K = ").append(k).append("·").append(k)
                .append("·").append(c).append(" = ").append(kk).append("); row (oy,ox) holds the input cells under the kernel when its")
                .append(" top-left corner is at (oy·").append(options.stride()).append(" − ").append(g.padTop()).append(", ox·")
                .append(options.stride()).append(" − ").append(g.padLeft()).append("):\n");
        List<String> colNames = new ArrayList<>();
        for (int ty = 0; ty < k; ty++) for (int tx = 0; tx < k; tx++) for (int ch = 0; ch < c; ch++) colNames.add(c > 1 ? ty + "," + tx + "c" + ch : ty + "," + tx);
        List<String> rowNames = new ArrayList<>();
        for (int oy = 0; oy < g.outH(); oy++) for (int ox = 0; ox < g.outW(); ox++) rowNames.add("(" + oy + "," + ox + ")");
        sb.append(table(im2col, rowNames, colNames, "   "));

        sb.append('\n').append("4. The kernel").append(c > 1 ? " (one grid per channel)" : "").append(", then read row by row as the column B (K × 1):\n");
        for (int ch = 0; ch < c; ch++) sb.append(grid(plane(kernel, ch, k, k, c), k, k, c > 1 ? "channel " + ch : null, "  "));
        float[][] bcol = new float[kk][1];
        for (int p = 0; p < kk; p++) bcol[p][0] = kernelColumn[p];
        sb.append("   B = (").append(join(kernelColumn)).append(")ᵀ\n");

        sb.append('\n').append("5. GEMM: C = A·B (").append(m).append("×").append(kk).append(" times ").append(kk)
                .append("×1), one dot product per output pixel:\n");
        for (int i = 0; i < m; i++) {
            StringBuilder dot = new StringBuilder();
            for (int p = 0; p < kk; p++) {
                if (im2col[i][p] == 0 || kernelColumn[p] == 0) continue;
                if (!dot.isEmpty()) dot.append(" + ");
                dot.append(factor(im2col[i][p])).append("·").append(factor(kernelColumn[p]));
            }
            sb.append("   ").append(rowNames.get(i)).append(": ").append(dot.isEmpty() ? "0" : dot).append(" = ").append(num(product[i])).append('\n');
        }

        sb.append('\n').append("6. C read back as the ").append(g.outH()).append('x').append(g.outW())
                .append(" output image, next to the seven-loop reference (ReferenceConv2D):\n");
        String[] left = grid(product, g.outH(), g.outW(), "GEMM (A·B)", "   ").split("\n");
        String[] right = grid(reference.data(), g.outH(), g.outW(), "seven loops", "").split("\n");
        int width = 0;
        for (String l : left) width = Math.max(width, l.length());
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "", r = i < right.length ? right[i] : "";
            sb.append(l).append(" ".repeat(width - l.length() + 6)).append(r).append('\n');
        }
        sb.append(maxDifference() == 0 ? "   equal: every value is the same (max |difference| = 0)\n"
                : "   max |difference| = " + maxDifference() + "\n");
        return sb.toString();
    }

    private String paddedGrid(int ch, int ph, int pw, String title) {
        ConvGeometry g = geometry;
        int n = options.size(), c = options.channels();
        StringBuilder sb = new StringBuilder();
        if (title != null) sb.append("   ").append(title).append('\n');
        String[][] cells = new String[ph][pw];
        int width = 1;
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int iy = y - g.padTop(), ix = x - g.padLeft();
                cells[y][x] = iy < 0 || iy >= n || ix < 0 || ix >= n ? "." : num(input.get(0, iy, ix, ch));
                width = Math.max(width, cells[y][x].length());
            }
        }
        for (String[] row : cells) {
            sb.append("  ");
            for (String s : row) sb.append(' ').append(" ".repeat(width - s.length())).append(s);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static float[] plane(Tensor t, int ch, int h, int w, int c) {
        float[] out = new float[h * w];
        for (int i = 0; i < h * w; i++) out[i] = t.data()[i * c + ch];
        return out;
    }

    private static String grid(float[] v, int h, int w, String title, String indent) {
        float[][] rows = new float[h][w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) rows[y][x] = v[y * w + x];
        StringBuilder sb = new StringBuilder();
        if (title != null) sb.append(indent).append(title).append('\n');
        sb.append(table(rows, null, null, indent));
        return sb.toString();
    }

    private static String table(float[][] a, List<String> rowNames, List<String> colNames, String indent) {
        int width = 1, label = 0;
        for (float[] r : a) for (float v : r) width = Math.max(width, num(v).length());
        if (colNames != null) for (String s : colNames) width = Math.max(width, s.length());
        if (rowNames != null) for (String s : rowNames) label = Math.max(label, s.length());
        StringBuilder sb = new StringBuilder();
        if (colNames != null) {
            sb.append(indent).append(" ".repeat(label));
            for (String s : colNames) sb.append(' ').append(" ".repeat(width - s.length())).append(s);
            sb.append('\n');
        }
        for (int i = 0; i < a.length; i++) {
            sb.append(indent);
            if (rowNames != null) sb.append(rowNames.get(i)).append(" ".repeat(label - rowNames.get(i).length()));
            for (float v : a[i]) {
                String s = num(v);
                sb.append(' ').append(" ".repeat(width - s.length())).append(s);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String join(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(num(v[i]));
        return sb.toString();
    }

    /** A factor in a printed product: negative numbers in parentheses, "2·(-1)". */
    private static String factor(float v) { return v < 0 ? "(" + num(v) + ")" : num(v); }

    private static String num(float v) {
        if (v == Math.rint(v)) return Integer.toString((int) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
