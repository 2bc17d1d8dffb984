package org.convscope.lesson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.convscope.explain.ConvDemo;
import org.convscope.explain.DemoOptions;
import org.convscope.explain.Explainer;
import org.convscope.geometry.Padding;
import org.convscope.image.ImageLoader;
import org.convscope.image.ImageOps;
import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.keras.KerasModel;
import org.convscope.layers.Conv2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.ReLU;
import org.convscope.tensor.Tensor;
import org.convscope.viz.TestFixtures;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.kernels.FilterPatches;
import org.convscope.viz.kernels.KernelGrid;
import org.convscope.viz.kernels.KernelSlice;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.pipeline.ClassicKernels;
import org.convscope.viz.pipeline.FilterDetectCondense;
import org.convscope.viz.pipeline.PipelinePicture;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Png;
import org.junit.jupiter.api.Test;

/**
 * The lesson "Filters and Feature Maps" in Java: the code of {@code docs/lesson.md}. Every block of
 * the document is a section of this file between {@code // lesson:begin NAME} and
 * {@code // lesson:end NAME}; {@link LessonDocTest} checks that the two stay identical, and this test
 * runs them in order, checking their numbers in between.
 *
 * <p>The pictures go to {@code viz/target/lesson}; run with {@code -Dconvscope.lesson.update=true}
 * to copy the ones the document shows into {@code docs/lesson/}.
 */
class LessonTest {
    /** The pictures the document shows (copied to docs/lesson with -Dconvscope.lesson.update=true). */
    static final List<String> DOC_PICTURES = List.of("maps-block1_conv1.png", "maps-block3_conv2.png", "maps-block5_conv2.png",
            "kernels-block1_conv1.png", "filters-block1_conv1.png", "pipeline-edge.png", "pipeline-bottom_sobel.png");

    @Test
    void lesson() throws Exception {
        TestFixtures.root();   // fails when the fixtures folder is missing (skips with -Dconvscope.fixtures.optional=true)
        // lesson:begin setup
        Path fixtures = Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"));  // the repository's fixtures
        Path out = Path.of("target", "lesson");                                                    // where the pictures go
        // lesson:end setup

        // lesson:begin load
        KerasModel model = KerasModel.load(fixtures.resolve("keras3/convnet_512.h5"));
        System.out.print(model.summary());
        // lesson:end load
        assertEquals(2_928_449, model.totalParams());
        assertTrue(model.summary().contains("block5_conv2 (Conv2D)"), model.summary());

        // lesson:begin image
        Tensor image = ImageLoader.load(fixtures.resolve("images/chelsea.png"));   // [1, 300, 451, 3], float32 in [0, 1]
        image = Resize.resize(image, 512, 512, Interpolation.NEAREST);              // like tf.image.resize(..., method='nearest')
        // lesson:end image
        assertArrayEquals(new int[] {1, 512, 512, 3}, image.shape());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : image.data()) { min = Math.min(min, v); max = Math.max(max, v); }
        assertTrue(min >= 0 && max <= 1 && max > 0.9f, "values in [0, 1]: " + min + ".." + max);

        // lesson:begin maps
        List<String> convLayers = ConvLayers.names(model.graph());
        Map<String, Tensor> featureMaps = model.activations(image, convLayers.toArray(String[]::new));
        FeatureMapOptions grid = FeatureMapOptions.defaults().withRows(2).withCols(4).withScale(2);   // the first 8 channels
        for (String layer : convLayers) {
            Tensor maps = featureMaps.get(layer);                                  // [1, H, W, channels]
            Tensor small = Resize.resize(maps, 64, 64, Interpolation.NEAREST);      // 64x64 per map, enough to look at
            Picture picture = FeatureMapGrid.render(small, layer + " " + maps.dim(1) + "x" + maps.dim(2), grid);
            Png.write(picture.image(), out.resolve("maps-" + layer + ".png"));
        }
        // lesson:end maps
        assertEquals(List.of("block1_conv1", "block2_conv1", "block3_conv1", "block3_conv2", "block4_conv1", "block4_conv2",
                "block5_conv1", "block5_conv2"), convLayers);
        assertArrayEquals(new int[] {1, 512, 512, 32}, featureMaps.get("block1_conv1").shape());
        assertArrayEquals(new int[] {1, 32, 32, 128}, featureMaps.get("block5_conv2").shape());
        for (float v : featureMaps.get("block3_conv2").data()) assertTrue(v >= 0, "ReLU outputs are >= 0");

        // lesson:begin kernels
        Tensor kernel = ConvLayers.kernel(model.layer("block1_conv1"));            // (3, 3, 3, 32): 32 filters of 3 kernels 3x3
        Png.write(KernelGrid.render(kernel, "block1_conv1", KernelSlice.all(), 0, 1, true).image(),
                out.resolve("kernels-block1_conv1.png"));                          // rows: filters, columns: R, G, B kernels
        Png.write(FilterPatches.render(kernel, "block1_conv1", 16, 0, 2).image(),
                out.resolve("filters-block1_conv1.png"));                          // each filter as one RGB patch
        // lesson:end kernels
        assertArrayEquals(new int[] {3, 3, 3, 32}, kernel.shape());

        // lesson:begin pipeline
        Tensor gray = ImageOps.toGray(image);                                      // [1, 512, 512, 1]
        for (String name : List.of("edge", "bottom_sobel", "emboss")) {
            float[][] k = ClassicKernels.get(name);                                 // edge: -1 -1 -1 / -1 8 -1 / -1 -1 -1
            Conv2D filter = FilterDetectCondense.filterLayer(k);                    // 1 filter, 'same', no bias
            ReLU detect = new ReLU("detect", null, 0f, 0f);
            MaxPooling2D condense = new MaxPooling2D("condense", new int[] {2, 2}, new int[] {2, 2}, Padding.SAME);
            Tensor filtered = filter.forward(gray);
            Tensor detected = detect.forward(filtered);
            Tensor condensed = condense.forward(detected);                          // [1, 256, 256, 1]
            var stages = new FilterDetectCondense.Stages(gray, filtered, detected, condensed, k);
            Png.write(PipelinePicture.render(stages, name, Colormap.named("gray"), 128).image(),
                    out.resolve("pipeline-" + name + ".png"));
        }
        // lesson:end pipeline
        FilterDetectCondense.Stages edge = FilterDetectCondense.run(gray, ClassicKernels.get("edge"));
        assertArrayEquals(new int[] {1, 256, 256, 1}, edge.condensed().shape());
        // by hand: the edge kernel at pixel (100, 100) is 8·centre − the 8 neighbours
        float byHand = 8 * gray.get(0, 100, 100, 0);
        for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) if (dy != 0 || dx != 0) byHand -= gray.get(0, 100 + dy, 100 + dx, 0);
        assertEquals(byHand, edge.filtered().get(0, 100, 100, 0), 1e-5);
        assertEquals(Math.max(0, Math.max(Math.max(edge.detected().get(0, 20, 30, 0), edge.detected().get(0, 20, 31, 0)),
                Math.max(edge.detected().get(0, 21, 30, 0), edge.detected().get(0, 21, 31, 0)))), edge.condensed().get(0, 10, 15, 0));

        // lesson:begin explain
        System.out.print(Explainer.explain(model.graph()).render());               // every layer's numbers
        System.out.print(ConvDemo.run(DemoOptions.defaults()).render());           // one convolution by hand
        // lesson:end explain
        assertEquals(13.14e9, Explainer.explain(model.graph()).totalFlops(), 0.01e9);

        for (String p : DOC_PICTURES) assertTrue(Files.size(out.resolve(p)) > 500, p);
        if (Boolean.getBoolean("convscope.lesson.update")) {
            Path docs = Path.of("..", "docs", "lesson");
            Files.createDirectories(docs);
            for (String p : DOC_PICTURES) Files.copy(out.resolve(p), docs.resolve(p), StandardCopyOption.REPLACE_EXISTING);
        }
        // the committed pictures show what this code draws (same sizes; text rendering may differ between machines)
        for (String p : DOC_PICTURES) {
            Path committed = Path.of("..", "docs", "lesson", p);
            assertTrue(Files.isRegularFile(committed), committed + " is missing: run the lesson with -Dconvscope.lesson.update=true");
            var a = javax.imageio.ImageIO.read(committed.toFile());
            var b = javax.imageio.ImageIO.read(out.resolve(p).toFile());
            assertEquals(b.getWidth() + "x" + b.getHeight(), a.getWidth() + "x" + a.getHeight(), p);
        }
    }
}
