package org.convscope.viz.features;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.convscope.viz.TestFixtures;

/** The fixture models and their reference inputs (tests only). */
final class FixtureModels {
    private FixtureModels() {}

    static Path dir() {
        return TestFixtures.root();
    }

    static KerasModel load(String relative) { return KerasModel.load(dir().resolve(relative)); }

    /** The emotion model (trained, 64×64×1, input in [−1, 1]). */
    static final String EMOTION = "trained/fer2013_big_XCEPTION.54-0.66.hdf5";

    /** {@code /input} of a fixture's {@code .io.h5}. */
    static Tensor referenceInput(String ioFile) {
        try {
            HdfFile h5 = HdfFile.fromBytes(Files.readAllBytes(dir().resolve(ioFile)));
            io.jhdf.api.Dataset ds = h5.getDatasetByPath("/input");
            int[] shape = ds.getDimensions();
            Object flat = ds.getDataFlat();
            float[] f = (float[]) flat;
            return Tensor.of(f, shape);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The astronaut's face as the emotion model expects it: row 0 of its reference input. */
    static Tensor face() {
        return referenceInput("trained/fer2013_big_XCEPTION.54-0.66.io.h5").batchItem(0);
    }
}
