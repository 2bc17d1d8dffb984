package org.convscope.internal.gemm;

import org.convscope.activation.ElementwiseActivation;

/**
 * The usual epilogue, C[i][j] = act(C[i][j] + bias[j]), as a value a GEMM can recognise: the vector
 * GEMM starts its accumulators from the bias row instead of zero (the bias costs nothing there) and
 * runs only the activation afterwards. Made by {@link Epilogue#biasActivation}.
 *
 * <p>Immutable (a class rather than a record so that it can keep its activation-only form, which
 * the vector GEMM would otherwise make on every call).
 */
public final class BiasActivation implements Epilogue {
    private final float[] bias;
    private final ElementwiseActivation act;
    private final Epilogue activationOnly;

    /**
     * The epilogue {@code C[i][j] = act(C[i][j] + bias[j])}.
     *
     * @param bias per-column bias indexed by C's column, or null
     * @param act  elementwise activation, or null
     */
    public BiasActivation(float[] bias, ElementwiseActivation act) {
        this.bias = bias;
        this.act = act;
        this.activationOnly = act == null ? Epilogue.NONE
                : bias == null ? this : new BiasActivation(null, act);
    }

    /** {@return the per-column bias indexed by C's column, or null} */
    public float[] bias() { return bias; }

    /** {@return the elementwise activation, or null} */
    public ElementwiseActivation act() { return act; }

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

    /**
     * This epilogue without the bias: the activation alone, for a GEMM that starts its tiles from
     * the bias row (made once, with this epilogue).
     *
     * @return the activation as an epilogue ({@link Epilogue#NONE} for none)
     */
    public Epilogue activationOnly() { return activationOnly; }

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
