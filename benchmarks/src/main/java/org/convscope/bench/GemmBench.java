package org.convscope.bench;

import java.util.concurrent.TimeUnit;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;
import org.convscope.internal.gemm.MatrixB;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * convscope's SGEMM, C = A·B with row-major A, B, C, on square sizes and on convnet_512's eight
 * im2col shapes ("MxNxK"). Square problems pack B on every call, as a BLAS does; the conv shapes use
 * B pre-packed once ({@link Gemm#prepack}), as Conv2D does with its constant kernel. The GEMM is
 * {@code Gemms.forSetting(convscope.vector, threads)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GemmBench {
    @Param({"512x512x512", "1024x1024x1024", "2048x2048x2048", "4096x4096x4096",
            "262144x32x27", "65536x64x288", "16384x128x576", "16384x128x1152",
            "4096x128x1152", "1024x128x1152"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int m, n, k;
    private Gemm gemm;
    private DenseMatrix a;
    private MatrixB b;
    private float[] c;

    @Setup
    public void setup() {
        int[] s = Shapes.parseGemm(shape);
        m = s[0]; n = s[1]; k = s[2];
        gemm = Gemms.forSetting(System.getProperty("convscope.vector", "auto"), threads);
        a = DenseMatrix.of(Shapes.random(m * k, 1), m, k);
        DenseMatrix dense = DenseMatrix.of(Shapes.random(k * n, 2), k, n);
        b = m == n && n == k ? dense : gemm.prepack(dense);
        c = new float[m * n];
    }

    @Benchmark
    public float[] sgemm() {
        gemm.multiply(m, n, k, a, b, c, 0, n, Epilogue.NONE);
        return c;
    }
}
