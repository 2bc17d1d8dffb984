package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hard_sigmoid follows the keras_version of the file: Keras 3 relu6(x+3)/6, Keras 2 clip(0.2x+0.5, 0, 1).
 * The same zoo_act_merge architecture is loaded once as written (3.15.1) and once claiming 2.15.0.
 */
class KerasFlavorTest {
    @TempDir Path dir;

    @Test
    void hardSigmoidFollowsTheKerasVersion() throws Exception {
        String cfg = TestFiles.zipEntryText(Fixtures.file("keras3/zoo_act_merge.keras"), "config.json");
        Path k2 = TestFiles.write(dir, "k2.json", "{\"keras_version\": \"2.15.0\", " + cfg.substring(1));
        Path k3 = TestFiles.write(dir, "k3.json", "{\"keras_version\": \"3.15.1\", " + cfg.substring(1));
        Path weights = Fixtures.file("keras3/zoo_act_merge.h5");
        KerasModel m2 = KerasModel.load(weights, k2);
        KerasModel m3 = KerasModel.load(weights, k3);
        assertEquals("2.15.0", m2.kerasVersion());
        try (IoReference ref = new IoReference(Fixtures.file("keras3/zoo_act_merge.io.h5"))) {
            Tensor x = ref.input();
            Map<String, Tensor> a2 = m2.activations(x, "conv", "act_hard_sigmoid");
            Tensor h3 = m3.activations(x, "act_hard_sigmoid").get("act_hard_sigmoid");
            float[] conv = a2.get("conv").data();
            float[] h2 = a2.get("act_hard_sigmoid").data();
            int differ = 0;
            for (int i = 0; i < conv.length; i++) {
                float v = conv[i];
                float keras2 = Math.max(0f, Math.min(1f, 0.2f * v + 0.5f));
                float keras3 = Math.max(0f, Math.min(6f, v + 3f)) / 6f;
                assertEquals(keras2, h2[i], 1e-6f, "Keras 2 hard_sigmoid at " + i + " of x=" + v);
                assertEquals(keras3, h3.data()[i], 1e-6f, "Keras 3 hard_sigmoid at " + i + " of x=" + v);
                if (Math.abs(keras2 - keras3) > 1e-3) differ++;
            }
            assertTrue(differ > 0, "the test input must tell the two formulas apart");
            Tensor keras = ref.output("act_hard_sigmoid");
            assertTrue(h3.maxAbsDiff(keras) <= 1e-6, "Keras 3 flavour matches the fixture");
        }
    }
}
