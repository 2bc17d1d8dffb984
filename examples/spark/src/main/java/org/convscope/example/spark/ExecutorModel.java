package org.convscope.example.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.convscope.keras.KerasModel;

/**
 * The model on an executor: loaded once per JVM from the broadcast file bytes and shared by every
 * task (a {@link KerasModel} is immutable and thread-safe). convscope loads from a file, so the bytes
 * are written once to a temporary folder under the model's own file name (the extension tells the
 * loader the format; the name appears in its messages), loaded, and the copy is deleted.
 * When io-keras offers an in-memory load, this becomes one call.
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
     * Loads a model from its file's bytes through a temporary copy.
     *
     * @param bytes    the file's bytes
     * @param fileName its name, with the extension
     * @return the model
     */
    static KerasModel load(byte[] bytes, String fileName) {
        try {
            Path dir = Files.createTempDirectory("convscope-model");
            Path file = dir.resolve(fileName);
            try {
                Files.write(file, bytes);
                return KerasModel.load(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary copy of the model " + fileName + ": " + e.getMessage(), e);
        }
    }
}
