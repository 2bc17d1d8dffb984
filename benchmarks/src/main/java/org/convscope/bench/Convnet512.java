package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convscope.keras.KerasModel;

/**
 * The real convnet_512 ({@code <fixtures>/keras3/convnet_512.h5}, see the fixtures' PROVENANCE.md),
 * loaded with io-keras: every layer is a core layer (Conv2D with fused ReLU, MaxPooling2D, Flatten,
 * Dense), so the benchmarks time exactly what a user's {@code predict} runs. The fixtures folder
 * comes from {@code -Dconvscope.fixtures} (the runner sets it), else {@code ../shared/fixtures}
 * beside the repository.
 */
public final class Convnet512 {
    private Convnet512() {}

    /** {@return the fixture file} */
    public static Path file() {
        String dir = System.getProperty("convscope.fixtures");
        Path p = dir != null ? Path.of(dir, "keras3", "convnet_512.h5") : Path.of("..", "..", "shared", "fixtures", "keras3", "convnet_512.h5");
        if (!Files.isRegularFile(p)) p = Path.of("..", "shared", "fixtures", "keras3", "convnet_512.h5");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("convnet_512.h5 not found at " + p.toAbsolutePath()
                    + "; pass -Dconvscope.fixtures=<the shared fixtures folder>");
        }
        return p;
    }

    /** {@return the model, loaded from {@link #file()}} */
    public static KerasModel load() { return KerasModel.load(file()); }
}
