package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convscope.keras.KerasModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load time of keras3/convnet_512.h5 (11.8 MB legacy HDF5, 2.9 M parameters): read the file,
 * parse the config, check and read every weight, build the graph. The fixtures folder comes from
 * {@code -Dconvscope.fixtures=...} (default {@code ../shared/fixtures}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LoadBenchmark {
    private Path file;

    @Setup
    public void locate() {
        file = Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "keras3", "convnet_512.h5");
        if (!Files.exists(file)) throw new IllegalStateException("fixture not found: " + file.toAbsolutePath()
                + " (set -Dconvscope.fixtures=<path to shared/fixtures>)");
    }

    /** One full load; the returned model keeps JMH from discarding the work. */
    @Benchmark
    public KerasModel loadConvnet512() {
        return KerasModel.load(file);
    }
}
