package org.convscope.internal.gemm;

import org.convscope.activation.ElementwiseActivation;

/**
 * Work done on a finished block of C while it is still in cache: add a per-column bias, apply an
 * activation. Called once per block of rows {@code [row0, row0+rows)} and columns
 * {@code [col0, col0+cols)} after its last k-block. Implementations are stateless.
 */
@FunctionalInterface
public interface Epilogue {
    /**
     * Applies the epilogue to the finished block {@code C[row0 .. row0+rows)[col0 .. col0+cols)}.
     * @param c the output array
     * @param cOff index of C[0][0] in {@code c}
     * @param ldc the leading dimension of C
     * @param row0 first row of the block
     * @param rows number of rows in the block
     * @param col0 first column of the block
     * @param cols number of columns in the block
     */
    void apply(float[] c, int cOff, int ldc, int row0, int rows, int col0, int cols);

    /** Does nothing. */
    Epilogue NONE = (c, cOff, ldc, row0, rows, col0, cols) -> { };

    /**
     * C[i][j] = act(C[i][j] + bias[j]); either may be null.
     *
     * @param act the activation, or null for none
     * @param bias one value per column, or null
     * @return the epilogue
     */
    static Epilogue biasActivation(float[] bias, ElementwiseActivation act) {
        if (bias == null && act == null) return NONE;
        return new BiasActivation(bias, act);
    }
}
