package org.convscope.bench.nativeyard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convscope.bench.onnx.OnnxGraph;
import org.convscope.bench.onnx.OnnxWriter;
import org.convscope.tensor.Tensor;

/**
 * Runs an in-memory ONNX graph in ONNX Runtime (CPU, all graph optimisations) on one NHWC input and
 * returns every graph output in Keras's layout (rank-4 NCHW outputs transposed back to NHWC).
 * Test code.
 */
final class OrtRunner {
    private OrtRunner() {}

    static Map<String, Tensor> run(OnnxGraph graph, Tensor nhwc) throws OrtException {
        return run(OnnxWriter.encode(graph), graph.inputs().get(0).name(), nhwc);
    }

    static Map<String, Tensor> run(byte[] model, String inputName, Tensor nhwc) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, opts);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(toNchw(nhwc)), nchwShape(nhwc));
                 OrtSession.Result r = session.run(Map.of(inputName, in))) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    long[] s = t.getInfo().getShape();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), s.length == 4 ? toNhwc(data, s) : Tensor.of(data, ints(s)));
                }
                return out;
            }
        }
    }

    static long[] nchwShape(Tensor nhwc) {
        int[] s = nhwc.shape();
        return new long[] {s[0], s[3], s[1], s[2]};
    }

    static float[] toNchw(Tensor t) {
        int n = t.dim(0), h = t.dim(1), w = t.dim(2), c = t.dim(3);
        float[] src = t.data(), dst = new float[src.length];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int k = 0; k < c; k++)
                        dst[((b * c + k) * h + y) * w + x] = src[((b * h + y) * w + x) * c + k];
        return dst;
    }

    static Tensor toNhwc(float[] src, long[] nchw) {
        int n = (int) nchw[0], c = (int) nchw[1], h = (int) nchw[2], w = (int) nchw[3];
        float[] dst = new float[src.length];
        for (int b = 0; b < n; b++)
            for (int k = 0; k < c; k++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        dst[((b * h + y) * w + x) * c + k] = src[((b * c + k) * h + y) * w + x];
        return Tensor.of(dst, n, h, w, c);
    }

    private static int[] ints(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = (int) s[i];
        return r;
    }

    static List<String> names(OnnxGraph g) { return g.outputs().stream().map(v -> v.name()).toList(); }
}
