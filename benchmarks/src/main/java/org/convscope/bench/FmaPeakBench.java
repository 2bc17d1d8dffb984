package org.convscope.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The machine's FP32 FMA ceiling as Java sees it, measured in the same run as the GEMMs: 12
 * independent {@code FloatVector.fma} chains on the preferred species (an FMA has 4 cycles of
 * latency and there are two FMA units, so 8+ chains are needed to saturate them). One "operation"
 * is one FMA vector instruction, i.e. 2·lanes flops; throughput mode sums over threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FmaPeakBench {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int STEPS = 4096, CHAINS = 12;

    /** Flops of one operation (one vector FMA). */
    public static double flopsPerOp() { return 2.0 * S.length(); }

    public float x = 1.0000001f, y = 0.9999999f;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(STEPS * CHAINS)
    public float peak1() { return chains(); }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(STEPS * CHAINS)
    public float peak2() { return chains(); }

    private float chains() {
        FloatVector m = FloatVector.broadcast(S, x), a = FloatVector.broadcast(S, y);
        FloatVector c0 = a, c1 = a.add(1), c2 = a.add(2), c3 = a.add(3), c4 = a.add(4), c5 = a.add(5);
        FloatVector c6 = a.add(6), c7 = a.add(7), c8 = a.add(8), c9 = a.add(9), c10 = a.add(10), c11 = a.add(11);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(m, a); c1 = c1.fma(m, a); c2 = c2.fma(m, a); c3 = c3.fma(m, a);
            c4 = c4.fma(m, a); c5 = c5.fma(m, a); c6 = c6.fma(m, a); c7 = c7.fma(m, a);
            c8 = c8.fma(m, a); c9 = c9.fma(m, a); c10 = c10.fma(m, a); c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
