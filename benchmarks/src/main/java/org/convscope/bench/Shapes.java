package org.convscope.bench;

import java.util.List;

/**
 * The problem sizes the benchmarks share, and their floating-point work, so that the runner can turn
 * times into GFLOP/s.
 */
public final class Shapes {
    private Shapes() {}

    /** One 3×3 'same' convolution of convnet_512 and the GEMM it becomes (M = H·W, N = Cout, K = 9·Cin). */
    public record ConvLayer(String name, int h, int w, int cin, int cout) {
        public int m() { return h * w; }
        public int n() { return cout; }
        public int k() { return 9 * cin; }
        /** "MxNxK", the GEMM shape as the GEMM benchmarks spell it. */
        public String gemmShape() { return m() + "x" + n() + "x" + k(); }
        public double flops() { return 2.0 * m() * n() * k(); }
    }

    /** convnet_512's eight convolutions (input 512×512×3, MaxPool2D(2) after each block). */
    public static final List<ConvLayer> CONVNET_512 = List.of(
            new ConvLayer("conv1", 512, 512, 3, 32),
            new ConvLayer("conv2", 256, 256, 32, 64),
            new ConvLayer("conv3", 128, 128, 64, 128),
            new ConvLayer("conv4", 128, 128, 128, 128),
            new ConvLayer("conv5", 64, 64, 128, 128),
            new ConvLayer("conv6", 64, 64, 128, 128),
            new ConvLayer("conv7", 32, 32, 128, 128),
            new ConvLayer("conv8", 32, 32, 128, 128));

    /** Floating-point work of one convnet_512 image: the eight convolutions (13.14 GFLOP) plus the two dense layers. */
    public static double convnet512Flops() {
        double f = 0;
        for (ConvLayer l : CONVNET_512) f += l.flops();
        return f + 2.0 * 32768 * 64 + 2.0 * 64;
    }

    public static ConvLayer layer(String name) {
        return CONVNET_512.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no convnet_512 layer named " + name));
    }

    /** Parses "MxNxK" into {m, n, k}. */
    public static int[] parseGemm(String shape) {
        String[] p = shape.split("x");
        if (p.length != 3) throw new IllegalArgumentException("GEMM shape must be MxNxK, got " + shape);
        return new int[]{Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    /** Work of a GEMM shape "MxNxK": 2·M·N·K. */
    public static double gemmFlops(String shape) {
        int[] s = parseGemm(shape);
        return 2.0 * s[0] * s[1] * s[2];
    }

    /** Deterministic values in [-1, 1). */
    public static float[] random(int size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
