package org.convscope.bench.nativeyard;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The one ONNX Runtime configuration every yardstick uses: CPU, all graph optimisations,
 * sequential execution, {@code threads} intra-op threads and one inter-op thread.
 */
final class OrtOptions {
    private OrtOptions() {}

    static OrtSession.SessionOptions of(int threads) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        return opts;
    }
}
