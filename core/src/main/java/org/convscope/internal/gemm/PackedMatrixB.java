package org.convscope.internal.gemm;

/**
 * A constant right operand B[k×n] packed once, ahead of time, into the micro-panel layout of a GEMM
 * whose register tile is {@link #nr()} columns wide: for panel s = 0..ceil(n/nr)-1, the values
 * B[p][s·nr + 0..nr-1] for p = 0..k-1, one panel after the other; columns past n are zeros.
 *
 * <p>Weights are constant at inference, so a convolution or dense layer packs its kernel once (see
 * {@link Gemm#prepack}) and a GEMM with the same nr reads the panels directly instead of repacking
 * them on every call: a kc-slice of panel s starting at row p0 is the contiguous range
 * {@code [s·k·nr + p0·nr, +kc·nr)}. Any other GEMM still sees a correct {@link MatrixB}.
 */
public final class PackedMatrixB implements MatrixB {
    private final int rows;
    private final int cols;
    private final int nr;
    private final float[] data;

    private PackedMatrixB(int rows, int cols, int nr, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.nr = nr;
        this.data = data;
    }

    /**
     * Packs all of {@code b} into panels {@code nr} columns wide.
     *
     * @param b the matrix to pack
     * @param nr the panel width the GEMM's micro-kernel uses
     * @return the packed copy
     */
    public static PackedMatrixB pack(MatrixB b, int nr) {
        if (nr <= 0) throw new IllegalArgumentException("PackedMatrixB: nr must be positive, got " + nr);
        if (b instanceof PackedMatrixB p && p.nr == nr) return p;
        int k = b.rows(), n = b.cols();
        int panels = (n + nr - 1) / nr;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(panels, nr), k)];
        for (int s = 0; s < panels; s++) {
            // one panel: all k rows of columns [s·nr, s·nr+nr)
            b.packB(0, k, s * nr, Math.min(nr, n - s * nr), nr, data, s * k * nr);
        }
        return new PackedMatrixB(k, n, nr, data);
    }

    /** {@return width of the panels} */
    public int nr() { return nr; }

    /** The packed panels (read-only by contract; GEMMs read it directly). */
    float[] data() { return data; }

    @Override public int rows() { return rows; }

    @Override public int cols() { return cols; }

    @Override
    public float get(int p, int j) {
        return data[(j / nr) * rows * nr + p * nr + j % nr];
    }

    @Override
    public void packB(int p0, int kc, int j0, int nc, int panelWidth, float[] dst, int dstOff) {
        if (panelWidth != nr || j0 % nr != 0) {
            MatrixB.super.packB(p0, kc, j0, nc, panelWidth, dst, dstOff);
            return;
        }
        // Same panel width and aligned start: copy kc-slices of whole panels; zero the columns of
        // the last panel that lie past nc (they may hold real values when nc < cols - j0).
        int o = dstOff;
        for (int s = 0; s < nc; s += nr) {
            int src = ((j0 + s) / nr) * rows * nr + p0 * nr;
            System.arraycopy(data, src, dst, o, kc * nr);
            int valid = nc - s;
            if (valid < nr) {
                for (int p = 0; p < kc; p++) java.util.Arrays.fill(dst, o + p * nr + valid, o + p * nr + nr, 0f);
            }
            o += kc * nr;
        }
    }
}
