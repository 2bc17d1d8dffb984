package org.convscope.gemm;

import org.convscope.activation.ElementwiseActivation;

/**
 * The usual epilogue, C[i][j] = act(C[i][j] + bias[j]), as a value a GEMM can recognise: the vector
 * GEMM starts its accumulators from the bias row instead of zero (the bias costs nothing there) and
 * runs only the activation afterwards. Made by {@link Epilogue#biasActivation}.
 *
 * @param bias per-column bias indexed by C's column, or null
 * @param act  elementwise activation, or null
 */
public record BiasActivation(float[] bias, ElementwiseActivation act) implements Epilogue {
    @Override
    public void apply(float[] c, int cOff, int ldc, int row0, int rows, int col0, int cols) {
        if (bias != null) {
            for (int i = row0; i < row0 + rows; i++) {
                int base = cOff + i * ldc + col0;
                for (int j = 0; j < cols; j++) c[base + j] += bias[col0 + j];
            }
        }
        applyActivation(act, c, cOff, ldc, row0, rows, col0, cols);
    }

    /** The activation alone over a block (what remains once the bias has been fused). */
    static void applyActivation(ElementwiseActivation act, float[] c, int cOff, int ldc, int row0, int rows, int col0, int cols) {
        if (act == null) return;
        int start = cOff + row0 * ldc + col0;
        if (cols == ldc) {
            act.applyInPlace(c, start, start + rows * cols);   // contiguous block: one call, one long loop
        } else {
            for (int i = 0; i < rows; i++) act.applyInPlace(c, start + i * ldc, start + i * ldc + cols);
        }
    }
}
