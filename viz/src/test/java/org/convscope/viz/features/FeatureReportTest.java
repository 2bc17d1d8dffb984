package org.convscope.viz.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.cli.Main;
import org.convscope.viz.render.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report sections, the grid layout and the {@code filters} command. */
class FeatureReportTest {
    @TempDir Path tmp;

    @Test
    void reportSectionsOnTheEmotionModel() throws Exception {
        Graph g = FixtureModels.load(FixtureModels.EMOTION).graph();
        Tensor face = FixtureModels.face();
        Tensor shown = face.copy();
        for (int i = 0; i < shown.size(); i++) shown.data()[i] = (shown.data()[i] + 1) / 2;
        assertArrayEquals(new double[] {-1, 1}, FeatureReport.inputRange(face, shown), 1e-5);
        FeatureReport.Section s = FeatureReport.write(g, face, shown, 3, "happy", tmp,
                new FeatureReport.Options(2, 3, FilterVisualizer.Method.PIXEL, true), null);
        // one filter grid per conv layer (9) + saliency + Grad-CAM
        assertEquals(11, s.pictures().size(), s.pictures().toString());
        for (Path p : s.pictures()) {
            assertTrue(Files.size(p) > 100, p + " written");
            assertTrue(s.html().contains("src=\"" + p.getFileName() + "\""), "the HTML shows " + p.getFileName());
        }
        assertTrue(s.html().contains("Which pixels drive “happy”") && s.html().contains("Grad-CAM at conv2d_5"), s.html());
    }

    @Test
    void gridGeometry() {
        Tensor a = Tensor.full(1f, 1, 4, 5, 1), b = Tensor.full(0f, 1, 4, 5, 1);
        List<FilterVisualizer.FilterImage> imgs = List.of(new FilterVisualizer.FilterImage(0, a, 0, 1),
                new FilterVisualizer.FilterImage(1, b, 0, 1), new FilterVisualizer.FilterImage(2, a, 0, 1));
        Picture p = FilterGrid.render(imgs, 2, 3, 2, null);
        // width = cols·w·scale + (cols+1)·gutter = 2·15 + 3·2 = 36; height = 2·12 + 3·2 = 30
        assertEquals(36, p.width());
        assertEquals(30, p.height());
        assertEquals(new java.awt.Rectangle(2 + 15 + 2, 2, 15, 12), p.cells().get(1));
        assertEquals(0xFFFFFF, p.rgb(2, 2), "filter 0 is white");
        assertEquals(0x000000, p.rgb(19, 2), "filter 1 is black");
        assertEquals(0xF0F0F0, p.rgb(19, 16), "the empty fourth cell");
    }

    @Test
    void filtersCommandWritesAGridAndOnePngPerFilter() throws Exception {
        Path model = FixtureModels.dir().resolve("keras3/zoo_conv.h5");
        Path out = tmp.resolve("grid.png"), each = tmp.resolve("each");
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream(), progress = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        int code;
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));     // progress lines go to stderr
        try {
            code = Main.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                    "filters", model.toString(), "--layer", "conv_k3_s2_valid", "--steps", "3", "--filters", "1:3", "--each", each.toString(),
                    "--range", "-1:1", "-o", out.toString());
        } finally {
            System.setErr(stderr);
        }
        String err = e.toString(StandardCharsets.UTF_8) + progress.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(Files.size(out) > 100);
        assertEquals(3, Files.list(each).count());
        for (int f = 1; f <= 3; f++) assertTrue(err.contains("filter " + f + " (" + f + "/3)"), "a progress line per filter: " + err);
        System.out.print(err);

        e.reset();
        code = Main.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                "filters", model.toString(), "--layer", "nope");
        assertEquals(2, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("conv_k3_s2_valid"), "the error lists the conv layers: " + e);
        e.reset();
        code = Main.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                "filters", model.toString(), "--method", "dream");
        assertEquals(2, code);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("--method"), e.toString());
    }
}
