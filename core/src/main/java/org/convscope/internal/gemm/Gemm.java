package org.convscope.internal.gemm;

/**
 * Single-precision matrix multiply C[m×n] = A[m×k] · B[k×n], followed by an {@link Epilogue}
 * (bias, activation) on each finished block of C. C is row-major with leading dimension
 * {@code ldc}; its previous contents are overwritten.
 *
 * <p>A and B are given as {@link MatrixA}/{@link MatrixB}, which know how to pack themselves into
 * the micro-panels the implementation asks for: that is how a convolution feeds its input
 * patches straight into the GEMM without building the im2col matrix (implicit GEMM).
 * Implementations are thread-safe.
 */
public interface Gemm {
    /**
     * C = A·B, then the epilogue on each finished block of C (C is overwritten, not accumulated into).
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a the left operand, {@code m × k}
     * @param b the right operand, {@code k × n}
     * @param c the output array
     * @param cOff index of C[0][0] in {@code c}
     * @param ldc the leading dimension of C (at least {@code n})
     * @param epilogue applied to each finished block; {@link Epilogue#NONE} for none
     */
    void multiply(int m, int n, int k, MatrixA a, MatrixB b, float[] c, int cOff, int ldc, Epilogue epilogue);

    /**
     * An operand equivalent to {@code b}, prepared once for repeated use by this GEMM: a constant
     * B (a convolution kernel, dense weights) is packed into this GEMM's micro-panel layout so that
     * each {@link #multiply} reads it without repacking. The default returns {@code b} itself.
     *
     * @param b the constant operand
     * @return an operand equivalent to {@code b}, prepared once for repeated use by this GEMM: a constant B (a convolution kernel, dense weights) is packed into this GEMM's micro-panel layout so that each {@link #multiply} reads it without repacking
     */
    default MatrixB prepack(MatrixB b) { return b; }

    /**
     * As {@link #prepack}, for a B that will multiply an A of many rows on every call (a
     * convolution's output pixels, Winograd's tiles): the GEMM may choose a layout that pays off only
     * then (the vector GEMM's narrow kernel for B of at most 16 columns; on a few rows, such as a
     * dense layer on one image, it would gain nothing and run rarely-compiled code).
     *
     * @param b the constant right operand
     * @return a packed copy, or {@code b} itself
     */
    default MatrixB prepackForManyRows(MatrixB b) { return prepack(b); }

    /**
     * The most threads one {@link #multiply} uses, the calling thread included (1 unless the
     * implementation runs in parallel).
     *
     * @return the thread count
     */
    default int threads() { return 1; }

    /**
     * The same GEMM running on the calling thread only, with the same packing ({@link #prepack}
     * results stay valid). For callers that parallelise an outer loop themselves (the Winograd
     * convolution runs one small GEMM per block of tiles on each thread) and must not start a
     * parallel GEMM inside a parallel task.
     *
     * @return a one-thread GEMM (this one when it is already single-threaded)
     */
    default Gemm singleThreaded() { return this; }

    /** {@return a short name for logs and benchmarks, for example {@code "blocked-scalar"}} */
    String name();

    /**
     * The micro-kernel a product of {@code n} columns over many rows runs, as {@code MRxNR} (for
     * the path planner's descriptions).
     *
     * @param n the product's columns
     * @return for example {@code 12x32}
     */
    default String microKernel(int n) { return "scalar"; }

    /**
     * Rows of the micro-kernel's A panel: callers that cut rows into blocks (Winograd) make their
     * blocks a multiple of it.
     *
     * @return MR
     */
    default int mr() { return 1; }
}
