package org.convscope.viz.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.render.Png;
import org.junit.jupiter.api.Test;

/** Saliency and Grad-CAM on the trained emotion model with the astronaut's smiling face. */
class GradCamTest {
    static final int HAPPY = 3;

    @Test
    void gradCamAtTheLastConvLayerIsTheHappyChannel() {
        Graph g = FixtureModels.load(FixtureModels.EMOTION).graph();
        Tensor face = FixtureModels.face();
        assertEquals(0.99553, g.predict(face).get(0, HAPPY), 1e-4, "the face is happy (reference 0.9955)");
        assertEquals("global_average_pooling2d_1", GradCam.scoreNode(g), "Grad-CAM scores before the softmax");
        // conv2d_5 (8x8x7) feeds the global average pool directly, so d score / d A[., ., k] is 1/64
        // for k = happy and 0 for the other channels: Grad-CAM there is the class activation map.
        GradCam cam = GradCam.compute(g, face, "conv2d_5", HAPPY);
        for (int k = 0; k < 7; k++) assertEquals(k == HAPPY ? 1 / 64f : 0f, cam.weights()[k], 1e-7f, "alpha " + k);
        Tensor a = g.activations(face, java.util.List.of("conv2d_5")).get("conv2d_5");
        for (int p = 0; p < 64; p++) assertEquals(Math.max(0, a.data()[p * 7 + HAPPY]) / 64f, cam.coarse().data()[p], 1e-6f);
        assertEquals(64, cam.heatmap().dim(1));
        assertTrue(cam.heatmap().maxAbs() <= 1f && cam.heatmap().maxAbs() > 0.9f, "scaled to [0,1]: max " + cam.heatmap().maxAbs());
    }

    @Test
    void saliencyAndGradCamPointAtPixelsThatMatter() {
        Graph g = FixtureModels.load(FixtureModels.EMOTION).graph();
        Tensor face = FixtureModels.face();
        String score = GradCam.scoreNode(g);
        Tensor sal = Saliency.vanilla(g, face, Objectives.classScore(score, HAPPY));
        GradCam cam = GradCam.compute(g, face, "separable_conv2d_4", HAPPY);
        double base = happyLogit(g, face);
        // Deletion check: graying out (0 in [−1, 1]) the 15% most salient pixels must lower the happy
        // score more than graying out the 15% least salient ones.
        double bySaliency = base - happyLogit(g, masked(face, sal, 0.15, true));
        double bySaliencyLeast = base - happyLogit(g, masked(face, sal, 0.15, false));
        double byCam = base - happyLogit(g, masked(face, cam.heatmap(), 0.15, true));
        double byCamLeast = base - happyLogit(g, masked(face, cam.heatmap(), 0.15, false));
        System.out.printf("happy logit %.3f; drop when graying 15%% of the pixels: saliency most %.3f / least %.3f, Grad-CAM most %.3f / least %.3f%n",
                base, bySaliency, bySaliencyLeast, byCam, byCamLeast);
        System.out.printf("Grad-CAM mass in the lower half of the face: %.2f; saliency mass there: %.2f%n",
                lowerHalfShare(cam.heatmap()), lowerHalfShare(sal));
        assertTrue(bySaliency > bySaliencyLeast, "the most salient pixels must matter more than the least salient");
        assertTrue(byCam > byCamLeast, "the hottest Grad-CAM pixels must matter more than the coldest");

        Path out = Path.of("target", "gradcam");
        Tensor shown = face.copy();
        for (int i = 0; i < shown.size(); i++) shown.data()[i] = (shown.data()[i] + 1) / 2;
        Png.write(HeatmapOverlay.render(shown, cam.heatmap(), Colormap.named("inferno"), 4, 0.6f), out.resolve("gradcam_happy.png"));
        Png.write(HeatmapOverlay.render(shown, sal, Colormap.named("inferno"), 4, 0.8f), out.resolve("saliency_happy.png"));
    }

    static double lowerHalfShare(Tensor heat) {
        double lower = 0, all = 0;
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) {
            double v = heat.data()[y * 64 + x];
            all += v;
            if (y >= 32) lower += v;
        }
        return lower / all;
    }

    static double happyLogit(Graph g, Tensor x) {
        return g.run(java.util.Map.of(g.inputNames().get(0), x), java.util.List.of(GradCam.scoreNode(g))).get(GradCam.scoreNode(g)).get(0, HAPPY);
    }

    /** The image with the fraction {@code share} of pixels of highest (or lowest) {@code rank} set to 0 (mid gray). */
    static Tensor masked(Tensor img, Tensor rank, double share, boolean highest) {
        Integer[] order = new Integer[rank.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Float.compare(rank.data()[q], rank.data()[p]));     // descending, stable
        Tensor m = img.copy();
        int n = (int) (order.length * share);
        for (int k = 0; k < n; k++) m.data()[order[highest ? k : order.length - 1 - k]] = 0;
        return m;
    }
}
