package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main job's network, {@code <fixtures>/trained/fer2013_big_XCEPTION.54-0.66.hdf5} (a
 * mini-Xception on 64×64 gray faces), and where its ONNX export for the native yardstick lives.
 */
public final class EmotionModel {
    private EmotionModel() {}

    /** {@return the Keras file} */
    public static Path file() {
        Path p = Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"), "trained", "fer2013_big_XCEPTION.54-0.66.hdf5");
        if (!Files.isRegularFile(p)) throw new IllegalStateException("emotion model not found at " + p.toAbsolutePath());
        return p;
    }

    /** {@return the ONNX export used by the native comparison (may not exist yet), or null} */
    public static Path onnxFile() { return Path.of("target", "onnx", "emotion.onnx"); }
}
