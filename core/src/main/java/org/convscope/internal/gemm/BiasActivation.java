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
    private final float[] residual;                // added after the activation, or null
    private final ElementwiseActivation after;     // applied after the residual sum, or null
    private final Epilogue activationOnly;

    /**
     * The epilogue {@code C[i][j] = act(C[i][j] + bias[j])}.
     *
     * @param bias per-column bias indexed by C's column, or null
     * @param act  elementwise activation, or null
     */
    public BiasActivation(float[] bias, ElementwiseActivation act) {
        this(bias, act, null, null);
    }

    private BiasActivation(float[] bias, ElementwiseActivation act, float[] residual, ElementwiseActivation after) {
        this.bias = bias;
        this.act = act;
        this.residual = residual;
        this.after = after;
        this.activationOnly = act == null && residual == null ? Epilogue.NONE
                : bias == null ? this : new BiasActivation(null, act, residual, after);
    }

    /**
     * This epilogue followed by a residual sum: {@code C[i][j] = after(act(C[i][j] + bias[j]) + R[i][j])},
     * R having C's layout (the same index for the same element), the end of a residual block computed
     * while the block of C is in cache.
     *
     * @param residual R, indexed as C
     * @param after    the activation after the sum, or null
     * @return the new epilogue (this one is unchanged)
     */
    public BiasActivation withResidual(float[] residual, ElementwiseActivation after) {
        return new BiasActivation(bias, act, residual, after);
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
        if (residual != null) {
            for (int i = row0; i < row0 + rows; i++) {
                int base = cOff + i * ldc + col0;
                for (int j = 0; j < cols; j++) c[base + j] += residual[base + j];
            }
            applyActivation(after, c, cOff, ldc, row0, rows, col0, cols);
        }
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
