package org.convscope.bench.nativeyard;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.convscope.bench.Shapes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The native yardstick for {@link org.convscope.bench.GemmBench}: OpenBLAS {@code cblas_sgemm},
 * row-major, no transposes, on off-heap buffers, same shapes and thread counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OpenBlasGemmBench {
    @Param({"512x512x512", "1024x1024x1024", "2048x2048x2048", "4096x4096x4096",
            "262144x32x27", "65536x64x288", "16384x128x576", "16384x128x1152",
            "4096x128x1152", "1024x128x1152"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private int m, n, k;
    private FloatPointer a, b, c;

    @Setup
    public void setup() {
        int[] s = Shapes.parseGemm(shape);
        m = s[0]; n = s[1]; k = s[2];
        openblas_set_num_threads(threads);
        a = new FloatPointer(Shapes.random(m * k, 1));
        b = new FloatPointer(Shapes.random(k * n, 2));
        c = new FloatPointer((long) m * n);
    }

    @TearDown
    public void tearDown() {
        a.close(); b.close(); c.close();
    }

    @Benchmark
    public FloatPointer sgemm() {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);
        return c;
    }
}
