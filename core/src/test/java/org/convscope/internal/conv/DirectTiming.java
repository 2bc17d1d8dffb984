package org.convscope.internal.conv;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convscope.engine.EngineConfig.Switch;
import org.convscope.geometry.Padding;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.GemmTiming;
import org.convscope.tensor.Tensor;

/**
 * A timing main (not a test) for the direct short-reduction path against the implicit GEMM, on the
 * engine's vector width ({@code -Dconvscope.vector=256} for the 256-bit kernel): one thread, the
 * calling thread's CPU time, best of N, the two paths alternated call by call; and the largest
 * difference between their outputs.
 * <pre>
 * java --add-modules jdk.incubator.vector -Dconvscope.vector=256 -cp core/target/classes:core/target/test-classes \
 *      org.convscope.internal.conv.DirectTiming 15 [h,w,cin,cout,k,stride ...]
 * </pre>
 */
public final class DirectTiming {
    private DirectTiming() {}

    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        // {h, w, cin, cout, k, stride}: convnet_512 conv1, MobileNetV2/EfficientNet stem, emotion conv1
        int[][] shapes = {{512, 512, 3, 32, 3, 1}, {224, 224, 3, 32, 3, 2}, {64, 64, 1, 8, 3, 1}, {128, 128, 3, 16, 3, 1}};
        if (args.length > 1) {          // or shapes given as h,w,cin,cout,k,stride
            shapes = new int[args.length - 1][];
            for (int i = 1; i < args.length; i++) shapes[i - 1] = Arrays.stream(args[i].split(",")).mapToInt(Integer::parseInt).toArray();
        }
        Engine direct = TestEngines.with(c -> c.withThreads(1).withWinograd(Switch.OFF));
        Engine gemm = TestEngines.with(c -> c.withThreads(1).withWinograd(Switch.OFF).withDirect(Switch.OFF));
        SplittableRandom r = new SplittableRandom(9);
        for (int[] s : shapes) {
            Tensor kernel = TestTensors.random(r, s[4], s[4], s[2], s[3]), bias = TestTensors.random(r, s[3]);
            Tensor x = TestTensors.random(r, 1, s[0], s[1], s[2]);
            int[] st = {s[5], s[5]}, one = {1, 1};
            Conv2DEngine d = new Conv2DEngine(kernel, bias, st, Padding.SAME, one, 1, org.convscope.activation.Relu.PLAIN, direct);
            Conv2DEngine g = new Conv2DEngine(kernel, bias, st, Padding.SAME, one, 1, org.convscope.activation.Relu.PLAIN, gemm);
            long[] td = new long[reps], tg = new long[reps];
            Tensor yd = null, yg = null;
            // warm up for 8 s: on a loaded machine C2 compiled the kernels 4-6 s into a run, and calls
            // timed before that ran the Vector API in its Java fallback, 10x slower
            long warmEnd = System.nanoTime() + 8_000_000_000L;
            for (int w = 0; w < 20 || System.nanoTime() < warmEnd; w++) { yd = d.forward(x, "d", direct.gemm()); yg = g.forward(x, "g", gemm.gemm()); }
            for (int i = 0; i < reps; i++) {
                long t0 = GemmTiming.cpuNanos();
                yd = d.forward(x, "d", direct.gemm());
                long t1 = GemmTiming.cpuNanos();
                yg = g.forward(x, "g", gemm.gemm());
                td[i] = t1 - t0;
                tg[i] = GemmTiming.cpuNanos() - t1;
            }
            Arrays.sort(td);
            Arrays.sort(tg);
            double diff = 0;
            for (int i = 0; i < yd.data().length; i++) diff = Math.max(diff, Math.abs(yd.data()[i] - yg.data()[i]));
            System.out.printf("%dx%dx%d -> %d, %dx%d stride %d: %s %.3f ms (median %.3f), %s %.3f ms (median %.3f), ratio %.2f, max diff %.2g%n",
                    s[0], s[1], s[2], s[3], s[4], s[4], s[5], d.plan().describe(), td[0] / 1e6, td[reps / 2] / 1e6,
                    g.plan().describe(), tg[0] / 1e6, tg[reps / 2] / 1e6, (double) tg[0] / td[0], diff);
        }
    }
}
