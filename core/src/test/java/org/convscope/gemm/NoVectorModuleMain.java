package org.convscope.gemm;

/**
 * Run in a child JVM by {@link VectorFallbackTest} without {@code --add-modules jdk.incubator.vector}:
 * prints the chosen GEMM's class, C = A·B for a small product, and a 2x2 max pool (whose fast loop
 * uses the Vector API when it is there, a scalar loop otherwise).
 */
public final class NoVectorModuleMain {
    private NoVectorModuleMain() {}

    public static void main(String[] args) {
        Gemm g = Gemms.defaultGemm();
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]  →  C = [[19, 22], [43, 50]]
        float[] c = new float[4];
        g.multiply(2, 2, 2, DenseMatrix.of(new float[]{1, 2, 3, 4}, 2, 2), DenseMatrix.of(new float[]{5, 6, 7, 8}, 2, 2),
                c, 0, 2, Epilogue.NONE);
        // one 2x2 window, two channels: channel 0 holds 1, 5, 3, 2 → 5; channel 1 holds −1, −4, −2, −3 → −1
        org.convscope.tensor.Tensor pooled = new org.convscope.layers.MaxPooling2D("p", new int[]{2, 2}, null,
                org.convscope.layers.Padding.VALID).forward(org.convscope.tensor.Tensor.of(
                        new float[]{1, -1, 5, -4, 3, -2, 2, -3}, 1, 2, 2, 2));
        System.out.println(g.getClass().getSimpleName() + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]
                + " pool " + pooled.data()[0] + " " + pooled.data()[1]);
    }
}
