package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.convscope.activation.Relu;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.keras.KerasModel;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;
import org.convscope.viz.CliTest.Run;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.report.HtmlReport;
import org.convscope.viz.report.ReportInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfer-learning models on the command line: the layers of the nested MobileNetV2 base of
 * {@code apps/transfer_mobilenetv2} (and of the same model nested once more) reached by path in
 * summary, maps, kernels, explain and pipeline; the report of a model whose convolutions sit two
 * nesting levels deep.
 */
class NestedModelsCliTest {
    private static final String BASE = "mobilenetv2_0.35_96";
    private static final String EXPAND = BASE + "/block_3_expand";
    @TempDir Path dir;

    private static Path transfer(String ext) { return TestFixtures.file("apps/transfer_mobilenetv2." + ext); }

    private static Path cat() { return TestFixtures.file("images/chelsea.png"); }

    private static Run run(String... args) { return CliTest.run(args); }

    private static void ok(Run r) { assertEquals(0, r.code(), r.err()); }

    @Test
    void summaryListsTheBaseAsOneRowAndItsConvLayersByPath() {
        Run r = run("summary", transfer("keras").toString());
        ok(r);
        assertTrue(r.out().contains(" " + BASE + " (Functional)"), r.out());
        assertFalse(r.out().contains("Conv1 (Conv2D)"), "not expanded by default");
        assertTrue(r.out().contains("Conv layers: " + BASE + "/{Conv1, expanded_conv_depthwise, expanded_conv_project, block_1_expand,"), r.out());
        assertTrue(r.out().contains("block_16_project, Conv_1}"), r.out());
        Run e = run("summary", "--expand-nested", transfer("h5").toString());
        ok(e);
        assertTrue(e.out().contains("    \u2514 block_3_expand (Conv2D)"), e.out());
        assertTrue(e.out().contains("Total params: 416,613"), e.out());
    }

    /** The PNG of {@code maps --layer base/inner} is the picture of the base run alone on the same input. */
    @ParameterizedTest
    @ValueSource(strings = {"h5", "keras"})
    void mapsOfALayerInsideTheBase(String ext) throws IOException {
        Path png = dir.resolve("maps-" + ext + ".png");
        Run r = run("maps", transfer(ext).toString(), cat().toString(), "--layer", EXPAND, "-o", png.toString());
        ok(r);
        assertTrue(r.out().contains("48 feature maps of '" + EXPAND + "' (1, 24, 24, 48)"), r.out());
        Tensor x = new Preprocess(3, null, 96, 96, Interpolation.BILINEAR, 1f, 0f).apply(cat()).input();
        Graph base = (Graph) KerasModel.load(transfer(ext)).layer(BASE);
        Tensor alone = base.activations(x, List.of("block_3_expand")).get("block_3_expand");
        BufferedImage want = FeatureMapGrid.render(alone, EXPAND, FeatureMapOptions.defaults()).image();
        assertSamePicture(want, ImageIO.read(png.toFile()));
    }

    private static void assertSamePicture(BufferedImage want, BufferedImage got) {
        assertEquals(want.getWidth(), got.getWidth());
        assertEquals(want.getHeight(), got.getHeight());
        int off = 0;
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                int a = want.getRGB(x, y), b = got.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) if (Math.abs(((a >> s) & 255) - ((b >> s) & 255)) > 1) off++;
            }
        }
        assertTrue(off <= want.getWidth() * want.getHeight() / 1000, off + " channel values differ by more than one level");
    }

    @Test
    void kernelsExplainPipelineAndErrorsReachIntoTheBase() {
        Run k = run("kernels", transfer("h5").toString(), "--layer", EXPAND, "-o", dir.resolve("k.png").toString());
        ok(k);
        assertTrue(k.out().contains("of '" + EXPAND + "' (1, 1, 8, 48)"), k.out());
        assertTrue(Files.isRegularFile(dir.resolve("k.png")));

        Run x = run("explain", transfer("keras").toString());
        ok(x);
        assertTrue(x.out().contains("Total params: 416,613\n"), "explain's total = summary's: " + x.out());
        assertTrue(x.out().lines().anyMatch(l -> l.startsWith(EXPAND + " (Conv2D)") && l.contains("576×8×48") && l.contains("19x19")), x.out());
        Run one = run("explain", transfer("keras").toString(), "--layer", BASE + "/Conv1");
        ok(one);
        assertTrue(one.out().contains("96x96x3 → 48x48x16"), one.out());

        Run p = run("pipeline", cat().toString(), "--kernel", transfer("keras") + ":" + BASE + "/Conv1", "-o", dir.resolve("p.png").toString());
        ok(p);
        assertTrue(p.out().contains("kernel: layer '" + BASE + "/Conv1' (3, 3, 3, 16)"), p.out());

        Run bad = run("maps", transfer("keras").toString(), cat().toString(), "--layer", BASE + "/block_3_expnd", "-o", dir.resolve("no.png").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("did you mean '" + EXPAND + "'"), bad.err());
        assertTrue(bad.err().contains("its conv layers are: " + BASE + "/{Conv1,"), bad.err());
        Run badExplain = run("explain", transfer("keras").toString(), "--layer", BASE + "/Conv9");
        assertEquals(2, badExplain.code());
        assertTrue(badExplain.err().contains("nested model '" + BASE + "' has no layer 'Conv9'; did you mean '" + BASE + "/Conv1'"), badExplain.err());
    }

    /** Teachable Machine's shape: the transfer model nested once more; its maps equal those of the one-level model. */
    @Test
    void twoLevelsDeepOnTheCommandLine() throws IOException {
        Path deep = TeachableNest.write(dir, UnaryOperator.identity());
        Run s = run("summary", "-e", deep.toString());
        ok(s);
        assertTrue(s.out().contains("       \u2514 block_3_expand (Conv2D)"), s.out());
        assertTrue(s.out().contains("Conv layers: sequential/" + BASE + "/{Conv1,"), s.out());
        Path two = dir.resolve("two.png"), one = dir.resolve("one.png");
        ok(run("maps", deep.toString(), cat().toString(), "--layer", "sequential/" + EXPAND, "-o", two.toString()));
        ok(run("maps", transfer("keras").toString(), cat().toString(), "--layer", EXPAND, "-o", one.toString()));
        BufferedImage a = ImageIO.read(one.toFile()), b = ImageIO.read(two.toFile());
        assertEquals(a.getHeight(), b.getHeight());
        // the title names the layer (a longer path); the maps below it are the same
        int top = a.getHeight() / 4;
        assertSamePicture(a.getSubimage(0, top, Math.min(a.getWidth(), b.getWidth()), a.getHeight() - top),
                b.getSubimage(0, top, Math.min(a.getWidth(), b.getWidth()), b.getHeight() - top));
    }

    /** A model built with the core API whose convolutions sit two nesting levels deep: the report draws them all. */
    @Test
    void theReportDrawsConvolutionsTwoLevelsDeep() throws IOException {
        Random r = new Random(19);
        int[] one = {1, 1};
        Graph inner = Graph.builder("inner").input("x", -1, 8, 8, 4)
                .then(new Conv2D("c1", TinyModels.random(r, 3, 3, 4, 6), TinyModels.random(r, 6), one, Padding.SAME, one, 1, null))
                .then(new ActivationLayer("act", Relu.PLAIN))
                .then(new DepthwiseConv2D("dw", TinyModels.random(r, 3, 3, 6, 1), null, one, Padding.SAME, one, null)).build();
        Graph mid = Graph.builder("mid").input("in", -1, 8, 8, 3)
                .then(new Conv2D("stem", TinyModels.random(r, 1, 1, 3, 4), null, one, Padding.VALID, one, 1, null)).then(inner).build();
        Graph outer = Graph.builder("outer").input("img", -1, 8, 8, 3).then(mid).then(new GlobalAveragePooling2D("gap", false))
                .then(new Dense("dense", TinyModels.random(r, 6, 3), null, null)).build();
        assertEquals(List.of("mid/stem", "mid/inner/c1", "mid/inner/dw"), ConvLayers.names(outer));

        Tensor x = TinyModels.random(r, 1, 8, 8, 3);
        ReportInput in = new ReportInput("nested", outer, "summary", List.of(), x, x, "random", FeatureMapOptions.defaults(), 32);
        HtmlReport.Result res = HtmlReport.write(in, dir.resolve("rep"), null);
        String html = Files.readString(res.index(), StandardCharsets.UTF_8);
        for (String png : List.of("01-mid_stem-maps.png", "02-mid_inner_c1-maps.png", "02-mid_inner_c1-kernels.png", "03-mid_inner_dw-maps.png",
                "03-mid_inner_dw-kernels.png")) {
            assertTrue(Files.isRegularFile(dir.resolve("rep").resolve(png)), png);
            assertTrue(html.contains(png), png);
        }
        assertTrue(html.contains("mid/inner/c1"), "named by path");
        // the maps drawn are the inner conv's own output, as the nested models give it run alone
        Tensor stem = mid.activations(x, List.of("stem")).get("stem");
        Tensor c1 = inner.activations(stem, List.of("c1")).get("c1");
        assertEquals(0, c1.maxAbsDiff(res.run().kept().get("mid/inner/c1")), 1e-6);
    }
}
