package org.convscope.example.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.convscope.keras.KerasModel;

/**
 * The model on an executor: loaded once per JVM from the broadcast file bytes and shared by every
 * task (a {@link KerasModel} is immutable and thread-safe), straight from the bytes in memory.
 */
final class ExecutorModel {
    private static final Map<Long, KerasModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModel() {}

    /**
     * The model of a broadcast, loading it on first use in this JVM.
     *
     * @param bytes    the model file's bytes
     * @param fileName the model file's name (with its extension)
     * @param threads  GEMM threads per task, set before the first load
     * @return the model
     */
    static KerasModel get(Broadcast<byte[]> bytes, String fileName, int threads) {
        return LOADED.computeIfAbsent(bytes.id(), id -> {
            GemmThreads.configure(threads);
            return load(bytes.value(), fileName);
        });
    }

    /**
     * Loads a model from its file's bytes, in memory ({@link KerasModel#load(byte[], String)}:
     * nothing is written to the executor's disk).
     *
     * @param bytes    the file's bytes
     * @param fileName its name, with the extension (tells the format, names the model in errors)
     * @return the model
     */
    static KerasModel load(byte[] bytes, String fileName) {
        return KerasModel.load(bytes, fileName);
    }
}
