package org.convscope.viz.features;

import org.convscope.grad.Backprop;
import org.convscope.grad.GradientResult;
import org.convscope.grad.Objective;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * Vanilla gradient saliency (Simonyan, Vedaldi and Zisserman, 2014): how much each pixel's value
 * moves a class score, |dJ/dx|, taking the largest over the colour channels, scaled to [0, 1] by its
 * maximum. A picture of where the model is sensitive, noisy by nature (no smoothing is applied).
 */
public final class Saliency {
    private Saliency() {}

    /**
     * The saliency map of {@code image} for {@code score}: per pixel max over the channels of
     * |dJ/dx|, divided by the largest such value.
     *
     * @param graph a model with one input
     * @param image the image {@code [1, H, W, C]} in the model's input space; not modified
     * @param score the scalar to explain, for example
     *              {@code Objectives.classScore(GradCam.scoreNode(graph), k)}
     * @return a new map {@code [1, H, W, 1]} in [0, 1] (all zeros when the gradient vanishes)
     * @throws IllegalArgumentException when the model has more than one input, or the score or a
     *                                  layer rejects the image
     * @throws org.convscope.grad.NoGradientException when a layer between the image and the score
     *                                                has no gradient
     */
    public static Tensor vanilla(Graph graph, Tensor image, Objective score) {
        GradientResult r = Backprop.compute(graph, image, score);
        Tensor g = r.gradient(graph.inputNames().get(0));
        int h = g.dim(1), w = g.dim(2), c = g.dim(3);
        Tensor map = Tensor.zeros(1, h, w, 1);
        float[] gd = g.data(), m = map.data();
        float max = 0;
        for (int p = 0; p < h * w; p++) {
            float v = 0;
            for (int ch = 0; ch < c; ch++) v = Math.max(v, Math.abs(gd[p * c + ch]));
            m[p] = v;
            max = Math.max(max, v);
        }
        if (max > 0) for (int p = 0; p < m.length; p++) m[p] /= max;
        return map;
    }
}
