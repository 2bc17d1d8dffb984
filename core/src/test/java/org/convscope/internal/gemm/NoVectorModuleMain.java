package org.convscope.internal.gemm;

/**
 * Run in a child JVM by {@link VectorFallbackTest} without {@code --add-modules jdk.incubator.vector}:
 * prints the chosen GEMM's class, C = A·B for a small product, a 2x2 max pool (whose fast loop
 * uses the Vector API when it is there, a scalar loop otherwise) and one value of a 3x3 convolution
 * with 32 channels (Winograd F(4x4, 3x3) with its scalar transforms when the module is missing),
 * rounded to 1e-3.
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
                org.convscope.geometry.Padding.VALID).forward(org.convscope.tensor.Tensor.of(
                        new float[]{1, -1, 5, -4, 3, -2, 2, -3}, 1, 2, 2, 2));
        // all-ones 4x4x32 input and 3x3x32x32 kernel, 'valid': every output is 3·3·32 = 288 (to float
        // rounding: F(4x4, 3x3)'s transforms scale by 1/2 and 2 and 1/3, so 287.99997 is right too)
        float[] ones = new float[3 * 3 * 32 * 32];
        java.util.Arrays.fill(ones, 1f);
        float[] in = new float[4 * 4 * 32];
        java.util.Arrays.fill(in, 1f);
        org.convscope.tensor.Tensor conv = new org.convscope.layers.Conv2D("c", org.convscope.tensor.Tensor.of(ones, 3, 3, 32, 32),
                null, new int[]{1, 1}, org.convscope.geometry.Padding.VALID, new int[]{1, 1}, 1, null)
                .forward(org.convscope.tensor.Tensor.of(in, 1, 4, 4, 32));
        System.out.println(g.getClass().getSimpleName() + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]
                + " pool " + pooled.data()[0] + " " + pooled.data()[1] + " conv " + round(conv.data()[0]) + " " + round(conv.data()[conv.size() - 1]));
    }

    private static double round(float v) { return Math.round(v * 1000.0) / 1000.0; }
}
