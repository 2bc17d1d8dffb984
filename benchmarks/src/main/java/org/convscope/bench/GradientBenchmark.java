package org.convscope.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convscope.grad.Backprop;
import org.convscope.grad.GradientResult;
import org.convscope.grad.Objective;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one gradient-ascent step costs: one forward pass ({@link #forward}) against one forward plus
 * one backward pass to the input image ({@link #forwardBackward}, {@link Backprop} with the score of
 * class 0 at the model's output as the objective), on the real trained emotion model (64×64×1) and
 * on convnet_512 (512×512×3, 13.1 GFLOP forward), loaded from the fixture files. The input is seeded
 * uniform noise in the model's input range.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -Dconvscope.fixtures=../shared/fixtures \
 *        -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main GradientBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GradientBenchmark {
    @Param({"emotion", "convnet_512"})
    public String model;

    private Graph graph;
    private Tensor input;
    private Objective objective;

    @Setup
    public void setup() {
        String dir = System.getProperty("convscope.fixtures", "../shared/fixtures");
        String file = model.equals("emotion") ? "trained/fer2013_big_XCEPTION.54-0.66.hdf5" : "keras3/convnet_512.h5";
        graph = KerasModel.load(Path.of(dir, file)).graph();
        int[] s = graph.shapeOf(graph.inputNames().get(0));
        s[0] = 1;
        input = Tensor.zeros(s);
        Random r = new Random(7);
        float lo = model.equals("emotion") ? -1 : 0;
        for (int i = 0; i < input.size(); i++) input.data()[i] = lo + (1 - lo) * r.nextFloat();
        objective = Objectives.classScore(graph.outputNames().get(0), 0);
    }

    /** One forward pass. */
    @Benchmark
    public Tensor forward() {
        return graph.predict(input);
    }

    /** One forward pass keeping the activations, then the backward pass to the input. */
    @Benchmark
    public Tensor forwardBackward() {
        GradientResult g = Backprop.compute(graph, Map.of(graph.inputNames().get(0), input), objective, List.of());
        return g.gradient(graph.inputNames().get(0));
    }
}
