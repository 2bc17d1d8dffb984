package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kaggle_custom_convnet saved as legacy .h5, as .keras, and as .weights.h5 (with its architecture
 * from the .keras, the .h5, or a model.to_json() file) must give bit-identical outputs at every layer.
 */
class SameModelThreeWaysTest {
    @TempDir Path dir;

    @Test
    void everyFormatGivesBitIdenticalOutputs() throws Exception {
        Path keras = Fixtures.file("keras3/kaggle_custom_convnet.keras");
        Path h5 = Fixtures.file("keras3/kaggle_custom_convnet.h5");
        Path weights = Fixtures.file("keras3/kaggle_custom_convnet.weights.h5");
        Path json = TestFiles.write(dir, "kaggle.json", TestFiles.zipEntryText(keras, "config.json"));
        KerasModel[] models = {
                KerasModel.load(h5), KerasModel.load(keras), KerasModel.load(weights, keras),
                KerasModel.load(weights, h5), KerasModel.load(weights, json)};
        Tensor x;
        try (IoReference ref = new IoReference(Fixtures.file("keras3/kaggle_custom_convnet.io.h5"))) {
            x = ref.tensor("/batch_input");
            Tensor expected = ref.tensor("/batch_output");
            Tensor got = models[0].predict(x);
            double rel = got.maxAbsDiff(expected) / expected.maxAbs();
            assertTrue(rel <= 1e-5, "batch of 4 differs from Keras: rel " + rel + ", got " + got + ", Keras " + expected);
        }
        String[] layers = models[0].layerNames().toArray(String[]::new);
        Map<String, Tensor> first = models[0].activations(x, layers);
        for (int i = 1; i < models.length; i++) {
            assertEquals(models[0].layerNames(), models[i].layerNames());
            Map<String, Tensor> other = models[i].activations(x, layers);
            for (String l : layers) {
                assertArrayEquals(first.get(l).shape(), other.get(l).shape(), l);
                assertArrayEquals(first.get(l).data(), other.get(l).data(), "model " + i + " layer " + l + " is not bit-identical to the .h5");
            }
        }
    }
}
