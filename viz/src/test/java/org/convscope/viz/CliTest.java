package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.convscope.viz.cli.Main;
import org.convscope.viz.model.ModelLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes, outputs and one-line errors, run in-process. */
class CliTest {
    @TempDir static Path dir;
    static Path model, image;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void bundled() {
        model = ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL);
        image = ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE);
    }

    private static void oneLine(Run r) {
        assertEquals(1, r.err().strip().lines().count(), "one error line, no stack trace: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void helpAndUsageErrors() {
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("maps") && help.out().contains("pipeline") && help.out().contains("Exit codes"), help.out());
        assertEquals(0, run("maps", "--help").code());
        Run bad = run("maps", model.toString(), image.toString(), "--rows", "x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--rows"), bad.err());
        oneLine(bad);
        Run cmap = run("pipeline", image.toString(), "--cmap", "jet");
        assertEquals(2, cmap.code());
        assertTrue(cmap.err().contains("--cmap") && cmap.err().contains("viridis"), cmap.err());
        Run kernel = run("pipeline", image.toString(), "--kernel", "laplace");
        assertEquals(2, kernel.code());
        assertTrue(kernel.err().contains("laplace") && kernel.err().contains("bottom_sobel"), kernel.err());
        assertEquals(2, run("nonsense").code());
        assertEquals(2, run("maps", model.toString()).code(), "missing IMAGE");
    }

    @Test
    void badSizesAreOneLineUsageErrors() {
        // "x" and "xx" used to end in an ArrayIndexOutOfBoundsException (an internal error, exit 1),
        // "3x" was quietly read as 3x3
        for (String bad : new String[] {"x", "xx", "3x", "x3", "3x4x5", "0", "2x0", "-3", "3 x", "9000", "99999999999", ""}) {
            Run r = run("pipeline", image.toString(), "--size", bad, "-o", dir.resolve("bad.png").toString());
            assertEquals(2, r.code(), "--size '" + bad + "': " + r.err());
            assertTrue(r.err().contains("--size") && r.err().contains("'" + bad + "'"), r.err());
            oneLine(r);
        }
        for (String good : new String[] {"48", "40x56", "40X56", " 40x56 "}) {
            Run r = run("pipeline", image.toString(), "--size", good, "--kernel", "blur", "-o", dir.resolve("good.png").toString());
            assertEquals(0, r.code(), "--size '" + good + "': " + r.err());
        }
    }

    @Test
    void missingFilesAndNonImagesFailWithTheirNames() throws IOException {
        Path missing = dir.resolve("no-such-model.h5");
        Run r = run("summary", missing.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("no such file"), r.err());
        oneLine(r);
        Path notImage = Files.writeString(dir.resolve("notes.png"), "these are not pixels\n");
        Run n = run("pipeline", notImage.toString(), "-o", dir.resolve("p.png").toString());
        assertEquals(1, n.code());
        assertTrue(n.err().contains(notImage.toString()) && n.err().contains("not an image"), n.err());
        oneLine(n);
        Run m = run("maps", model.toString(), dir.resolve("gone.jpg").toString(), "-o", dir.resolve("m.png").toString());
        assertEquals(1, m.code());
        assertTrue(m.err().contains("gone.jpg") && m.err().contains("no such file"), m.err());
        Run d = run("summary", missing.toString(), "--debug");
        assertTrue(d.err().contains("\tat "), "--debug prints the stack trace");
    }

    @Test
    void unknownLayerListsTheConvLayers() {
        Run r = run("maps", model.toString(), image.toString(), "--layer", "conv99", "-o", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        // maps draws any layer with a spatial output: the list holds BatchNormalization and activations too
        assertTrue(r.err().contains("conv99") && r.err().contains("layers with feature maps: conv2d_1, block1_conv1_bn, block1_conv1_act, conv2d_2"), r.err());
        oneLine(r);
        Run typo = run("maps", model.toString(), image.toString(), "--layer", "conv2d_l", "-o", dir.resolve("x.png").toString());
        assertTrue(typo.err().contains("did you mean 'conv2d_1'"), typo.err());
        Run bn = run("maps", model.toString(), image.toString(), "--layer", "block1_conv1_act", "-o", dir.resolve("act.png").toString());
        assertEquals(0, bn.code(), bn.err());
        assertTrue(bn.out().contains("feature maps of 'block1_conv1_act'"), bn.out());
        Run sub = run("mapz");
        assertEquals(2, sub.code());
        assertTrue(sub.err().contains("did you mean 'maps'?"), sub.err());
        Run k = run("kernels", model.toString(), "--layer", "predictions");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("not a convolution layer") && k.err().contains("conv2d_5"), k.err());
    }

    @Test
    void mapsKernelsAndPipelineWritePngs() throws IOException {
        Path maps = dir.resolve("maps.png"), kernels = dir.resolve("k.png"), one = dir.resolve("one.png"), pipe = dir.resolve("pipe.png");
        Run m = run("maps", model.toString(), image.toString(), "--crop", "20,150,180,180", "--range", "-1:1", "--layer", "conv2d_2",
                "--rows", "2", "--cols", "4", "--gamma", "0.5", "--cmap", "magma", "-o", maps.toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("8 feature maps of 'conv2d_2'"), m.out());
        assertEquals(4 * (4 * 29) + 5 * 2, ImageIO.read(maps.toFile()).getWidth(), "4 columns of 29x29 maps at scale 4 with 2-px gutters");
        Run k = run("kernels", model.toString(), "--layer", "conv2d_2", "--filters", "0:4", "--channels", "2:3", "-o", kernels.toString());
        assertEquals(0, k.code(), k.err());
        assertTrue(k.out().contains("12 of the 2048 kernels"), k.out());
        assertEquals(0, run("kernels", model.toString(), "--one", "3,0", "-o", one.toString()).code());
        assertTrue(Files.size(one) > 0);
        Run p = run("pipeline", image.toString(), "--kernel", model + ":conv2d_1", "--seed", "3", "--size", "128", "-o", pipe.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("filter") && p.out().contains("(1, 64, 64, 1)"), p.out());
        Run s = run("summary", model.toString());
        assertEquals(0, s.code());
        assertTrue(s.out().contains("Total params: 208,871") && s.out().contains("Classes: angry, disgust, fear, happy"), s.out());
    }
}
