package org.convscope.internal.gemm;

/**
 * A row-major matrix in a float[] with a leading dimension; usable as A or B.
 *
 * @param cols number of columns
 * @param data the backing array (not copied)
 * @param ld the leading dimension: distance in {@code data} between the starts of two rows (at least {@code cols})
 * @param offset index of element [0][0] in {@code data}
 * @param rows number of rows
 */
public record DenseMatrix(float[] data, int offset, int rows, int cols, int ld) implements MatrixA, MatrixB {
    /** Checks that the matrix fits in the array. */
    public DenseMatrix {
        if (rows < 0 || cols < 0 || ld < cols) {
            throw new IllegalArgumentException("dense matrix " + rows + "x" + cols + " with leading dimension " + ld);
        }
        long last = rows == 0 || cols == 0 ? offset : offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || last > data.length) {
            throw new IllegalArgumentException("dense matrix " + rows + "x" + cols + " (ld " + ld + ", offset " + offset
                    + ") does not fit in an array of " + data.length);
        }
    }

    /**
     * A compact row-major matrix.
     *
     * @param cols number of columns
     * @param data the elements, row after row (not copied)
     * @param rows number of rows
     * @return a matrix with offset 0 and leading dimension {@code cols}
     */
    public static DenseMatrix of(float[] data, int rows, int cols) { return new DenseMatrix(data, 0, rows, cols, cols); }

    @Override public float get(int i, int p) { return data[offset + i * ld + p]; }

    /** Packs A-panels: MR rows interleaved per column (see {@link MatrixA}). */
    @Override
    public void pack(int i0, int mc, int p0, int kc, int mr, float[] dst, int dstOff) {
        int o = dstOff;
        for (int r = 0; r < mc; r += mr) {
            int h = Math.min(mr, Math.min(mc - r, rows - i0 - r));
            for (int p = 0; p < kc; p++) {
                int src = offset + (i0 + r) * ld + p0 + p;
                int ii = 0;
                for (; ii < h; ii++, src += ld) dst[o + ii] = data[src];
                for (; ii < mr; ii++) dst[o + ii] = 0f;
                o += mr;
            }
        }
    }

    /** Packs A row by row: one contiguous copy per row. */
    @Override
    public void packRows(int i0, int mc, int p0, int kc, float[] dst, int dstOff, int dstLd) {
        for (int r = 0; r < mc; r++) {
            int o = dstOff + r * dstLd;
            if (i0 + r < rows) System.arraycopy(data, offset + (i0 + r) * ld + p0, dst, o, kc);
            else java.util.Arrays.fill(dst, o, o + kc, 0f);
        }
    }

    /** Packs B-panels: NR consecutive values of each row, zero-padded past the block (see {@link MatrixB}). */
    @Override
    public void packB(int p0, int kc, int j0, int nc, int nr, float[] dst, int dstOff) {
        int o = dstOff;
        for (int s = 0; s < nc; s += nr) {
            int w = Math.max(0, Math.min(nr, Math.min(nc - s, cols - j0 - s)));
            int src = offset + p0 * ld + j0 + s;
            for (int p = 0; p < kc; p++, src += ld, o += nr) {
                if (w > 0) System.arraycopy(data, src, dst, o, w);
                if (w < nr) java.util.Arrays.fill(dst, o + w, o + nr, 0f);
            }
        }
    }
}
