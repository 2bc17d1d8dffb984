package org.convscope.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.layers.Rescaling;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The Normalization stand-in runs EfficientNetB0 as Keras does: the {@code normalization} layer's
 * output and the model's output against the {@code .io.h5} reference, through convscope alone (no
 * native code). It also refuses an archive without a Normalization layer.
 */
class NormalizationStandInTest {
    private static Tensor read(HdfFile h5, String path) {
        Dataset ds = h5.getDatasetByPath(path);
        Object flat = ds.getDataFlat();
        float[] f;
        if (flat instanceof float[] a) {
            f = a;
        } else {
            double[] d = (double[]) flat;
            f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        }
        return Tensor.of(f, ds.getDimensions());
    }

    @Test
    void efficientNetB0RunsAsKerasWithTheStandIn() throws Exception {
        Graph g = NormalizationStandIn.load(Apps.file("EfficientNetB0"));
        assertInstanceOf(Rescaling.class, g.node("normalization").layer(), "the nested model is flattened to its Rescaling");
        assertEquals(List.of("rescaling"), g.node("normalization").inbound());
        assertEquals("normalization", g.node("stem_conv_pad").inbound().get(0));
        try (HdfFile ref = HdfFile.fromBytes(Files.readAllBytes(Apps.referenceFile("EfficientNetB0")))) {
            Tensor input = read(ref, "/input");
            Map<String, Tensor> ours = g.activations(input, List.of("normalization", "predictions"));
            double worstNorm = 0, worstOut = 0;
            Tensor wantNorm = read(ref, "/outputs/normalization"), wantOut = read(ref, "/outputs/predictions");
            assertArrayEquals(wantNorm.shape(), ours.get("normalization").shape());
            worstNorm = ours.get("normalization").maxAbsDiff(wantNorm) / wantNorm.maxAbs();
            worstOut = ours.get("predictions").maxAbsDiff(wantOut) / wantOut.maxAbs();
            System.out.printf(Locale.ROOT, "EfficientNetB0 with the Normalization stand-in: normalization %.2e, predictions %.2e"
                    + " (max|err|/max|ref| vs Keras)%n", worstNorm, worstOut);
            // one multiply-add instead of Keras's subtract and divide: a few float32 ulps
            assertTrue(worstNorm <= 1e-6, "normalization: " + worstNorm);
            assertTrue(worstOut <= 1e-5, "predictions: " + worstOut);
        }
    }

    @Test
    void anArchiveWithoutNormalizationIsRefused() throws Exception {
        byte[] mobile = Files.readAllBytes(Emotion.fixtures().resolve("apps").resolve("transfer_mobilenetv2.keras"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NormalizationStandIn.rewrite(mobile));
        assertTrue(e.getMessage().contains("no Normalization"), e.getMessage());
    }
}
