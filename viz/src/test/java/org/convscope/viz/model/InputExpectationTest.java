package org.convscope.viz.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.Rescaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What input a model expects, and Keras Applications' preprocessing modes. */
class InputExpectationTest {
    @TempDir Path dir;

    @Test
    void rescalingInsideTheModelMeansRawPixels() {
        Graph g = Graph.builder("m").input("in", -1, 8, 8, 3).then(new Rescaling("rescaling", new float[]{1 / 255f}, new float[]{0}))
                .then(new GlobalAveragePooling2D("gap", false)).build();
        InputExpectation e = InputExpectation.of(new LoadedModel("m.keras", g, "", List.of()));
        assertEquals("none", e.preset());
        assertTrue(e.certain() && e.reason().contains("'rescaling'") && e.reason().contains("0–255"), e.reason());
        Graph plain = Graph.builder("m").input("in", -1, 8, 8, 3).then(new GlobalAveragePooling2D("gap", false)).build();
        assertFalse(InputExpectation.of(new LoadedModel("m.h5", plain, "", List.of())).known());
        Graph named = Graph.builder("vgg16").input("in", -1, 8, 8, 3).then(new GlobalAveragePooling2D("gap", false)).build();
        InputExpectation v = InputExpectation.of(new LoadedModel("x.h5", named, "", List.of()));
        assertEquals("caffe", v.preset());
        assertFalse(v.certain(), "a guess from the name");
        assertEquals("tf", InputExpectation.of(ModelLoader.load(ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL))).preset());
    }

    @Test
    void caffeAndTorchModes() throws Exception {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 255 << 16 | 128 << 8);          // r = 1, g = 128/255, b = 0
        Path f = dir.resolve("px.png");
        ImageIO.write(img, "png", f.toFile());
        Preprocess base = new Preprocess(3, null, 0, 0, Interpolation.BILINEAR, 1f, 0f);
        float[] caffe = base.withMode(Preprocess.Mode.CAFFE).apply(f).input().data();
        assertEquals(0 - 103.939f, caffe[0], 1e-3, "B first");
        assertEquals(128 - 116.779f, caffe[1], 1e-3);
        assertEquals(255 - 123.68f, caffe[2], 1e-3, "R last");
        float[] torch = base.withMode(Preprocess.Mode.TORCH).apply(f).input().data();
        assertEquals((1 - 0.485f) / 0.229f, torch[0], 1e-4);
        assertEquals((0 - 0.406f) / 0.225f, torch[2], 1e-4);
        float[] raw = base.withAffine(255f, 0f).apply(f).input().data();
        assertEquals(255f, raw[0], 1e-4);
    }
}
