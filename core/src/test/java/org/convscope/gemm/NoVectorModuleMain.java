package org.convscope.gemm;

/**
 * Run in a child JVM by {@link VectorFallbackTest} without {@code --add-modules jdk.incubator.vector}:
 * prints the chosen GEMM's class and C = A·B for a small product.
 */
public final class NoVectorModuleMain {
    private NoVectorModuleMain() {}

    public static void main(String[] args) {
        Gemm g = Gemms.defaultGemm();
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]  →  C = [[19, 22], [43, 50]]
        float[] c = new float[4];
        g.multiply(2, 2, 2, DenseMatrix.of(new float[]{1, 2, 3, 4}, 2, 2), DenseMatrix.of(new float[]{5, 6, 7, 8}, 2, 2),
                c, 0, 2, Epilogue.NONE);
        System.out.println(g.getClass().getSimpleName() + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
    }
}
