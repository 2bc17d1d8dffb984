package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convscope.tensor.Tensor;
import org.convscope.viz.cli.Main;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's preparation and prediction against the fixture reference
 * {@code trained/fer2013_big_XCEPTION.54-0.66.io.h5}, whose row 0 is the same face prepared with
 * PIL (gray "L", bilinear 64x64 — PIL's bilinear filter widens when shrinking, TensorFlow's does
 * not — then /255 and (x − 0.5)·2).
 */
class DefaultJobTest {
    @TempDir Path dir;

    static Path fixture(String rel) {
        return TestFixtures.root().resolve(rel);
    }

    static Tensor row0(float[][][][] d) {
        int h = d[0].length, w = d[0][0].length, c = d[0][0][0].length;
        Tensor t = Tensor.zeros(1, h, w, c);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int k = 0; k < c; k++) t.set(d[0][y][x][k], 0, y, x, k);
        return t;
    }

    @Test
    void bundledFaceMatchesTheReferenceInputAndPrediction() {
        Path io = fixture("trained/fer2013_big_XCEPTION.54-0.66.io.h5");
        Tensor refInput;
        float[] refProbs;
        try (HdfFile f = new HdfFile(io)) {
            refInput = row0((float[][][][]) f.getDatasetByPath("/input").getData());
            refProbs = ((float[][]) f.getDatasetByPath("/outputs/predictions").getData())[0];
        }
        Preprocess.Prepared p = Preprocess.defaultFace().apply(ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE));
        assertArrayEquals(refInput.shape(), p.input().shape());
        float max = p.input().maxAbsDiff(refInput);
        double mean = 0;
        for (int i = 0; i < refInput.size(); i++) mean += Math.abs(p.input().data()[i] - refInput.data()[i]);
        mean /= refInput.size();
        System.out.printf("default face vs PIL reference input (range [-1,1]): max |diff| %.4f, mean |diff| %.4f%n", max, mean);
        // measured 0.031: all of it is the resize (a PIL-like antialiased triangle filter on the same crop gives 0.0022)
        assertTrue(mean < 0.04, "mean |diff| " + mean + " (TF-style vs PIL bilinear resize)");

        LoadedModel m = ModelLoader.load(ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL));
        assertEquals(7, m.classNames().size());
        float[] onRef = m.graph().predict(refInput).data();
        float[] ours = m.graph().predict(p.input()).data();
        float err = 0;
        for (int i = 0; i < 7; i++) err = Math.max(err, Math.abs(onRef[i] - refProbs[i]));
        System.out.printf("engine on the reference input: happy %.5f (reference %.5f), max |diff| over classes %.2e%n", onRef[3], refProbs[3], err);
        System.out.printf("engine on our own preparation: happy %.5f (angry %.5f, neutral %.5f)%n", ours[3], ours[0], ours[6]);
        assertTrue(err < 1e-4, "engine vs reference probabilities, max err " + err);
        assertEquals("happy", m.classNames().get(3));
        for (int i = 0; i < 7; i++) if (i != 3) assertTrue(ours[3] > ours[i], "happy is the top class");
        assertTrue(ours[3] > 0.98, "happy " + ours[3]);
    }

    @Test
    void mainJobWritesTheReportAndPrintsTheTopClass() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path rep = dir.resolve("convscope-report");
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), "-o", rep.toString(), "-q");
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(o.contains("Top class: happy (0.99"), o);
        assertTrue(o.contains("Total params: 208,871"), "prints the summary");
        assertTrue(o.contains("Report: " + rep.toAbsolutePath().normalize().resolve("index.html")), o);
        assertTrue(Files.isRegularFile(rep.resolve("index.html")) && Files.isRegularFile(rep.resolve("01-conv2d_1-maps.png")));
    }
}
