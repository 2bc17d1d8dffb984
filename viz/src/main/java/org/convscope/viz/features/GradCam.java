package org.convscope.viz.features;

import java.util.List;
import java.util.Map;
import org.convscope.activation.SoftmaxActivation;
import org.convscope.grad.Backprop;
import org.convscope.grad.GradientResult;
import org.convscope.grad.Objective;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.layers.ActivationLayer;
import org.convscope.tensor.Tensor;

/**
 * Grad-CAM (Selvaraju et al., 2017): where in the image a conv layer saw evidence for a class.
 * With A the layer's activation [1, h, w, K] and y the class score:
 * <pre>
 *   α_k = mean over (i, j) of ∂y/∂A[i, j, k]     (how much channel k matters for the class)
 *   cam = ReLU(Σ_k α_k · A[:, :, k])              (only evidence for the class)
 * </pre>
 * then scaled to [0, 1] by its maximum (all zeros when there is no positive evidence) and resized
 * bilinearly to the image size.
 *
 * <p>A record of computed values; the tensors and the weights array are not copied, so treat them
 * as read-only.
 *
 * @param heatmap  {@code [1, H, W, 1]} in [0, 1] at the image size
 * @param coarse   the map at the layer's resolution, before scaling ({@code [1, h, w, 1]})
 * @param weights  α, one per channel
 * @param score    the class score y at the image
 */
public record GradCam(Tensor heatmap, Tensor coarse, float[] weights, double score) {
    /**
     * The node whose output is the pre-softmax class score: the input of a final softmax
     * Activation/Softmax layer when there is one (Grad-CAM uses the score before the softmax), else
     * the model's output.
     *
     * @param graph the model (its first output is used)
     * @return the name of the node holding the class scores
     */
    public static String scoreNode(Graph graph) {
        String out = graph.outputNames().get(0);
        Node n = graph.node(out);
        // a flattened nested model ends in a pass-through node (its name); the softmax is inside
        while (n.layer() instanceof org.convscope.layers.Identity && n.inbound().size() == 1) n = graph.node(n.inbound().get(0));
        if (n.layer() instanceof ActivationLayer a && a.activation() instanceof SoftmaxActivation && n.inbound().size() == 1) {
            return n.inbound().get(0);
        }
        return out;
    }

    /**
     * Grad-CAM of class {@code classIndex} at {@code convLayer}, scored at {@link #scoreNode}.
     *
     * @param graph      a model with one image input
     * @param image      one image {@code [1, H, W, C]} in the model's input space; not modified
     * @param convLayer  a node with a spatial output {@code [1, h, w, K]}, usually the last conv layer
     * @param classIndex the class to explain
     * @return the heatmap at the image size, the coarse map, the channel weights and the score
     * @throws IllegalArgumentException  when the batch is not 1, or the layer is unknown or not
     *                                   spatial
     * @throws IndexOutOfBoundsException when {@code classIndex} is out of range for the scores
     * @throws org.convscope.grad.NoGradientException when a layer between the image and the score
     *                                                has no gradient
     */
    public static GradCam compute(Graph graph, Tensor image, String convLayer, int classIndex) {
        return compute(graph, image, convLayer, Objectives.classScore(scoreNode(graph), classIndex));
    }

    /**
     * Grad-CAM for any scalar score.
     *
     * @param graph     a model; the image is fed to its first input
     * @param image     one image {@code [1, H, W, C]} in the model's input space; not modified
     * @param convLayer a node with a spatial output {@code [1, h, w, K]}
     * @param score     the scalar whose evidence to map, for example
     *                  {@link Objectives#classScore}
     * @return the heatmap at the image size, the coarse map, the channel weights and the score
     * @throws IllegalArgumentException when the batch is not 1, or the layer is unknown or not
     *                                  spatial
     * @throws org.convscope.grad.NoGradientException when a layer between the image and the score
     *                                                has no gradient
     */
    public static GradCam compute(Graph graph, Tensor image, String convLayer, Objective score) {
        if (image.dim(0) != 1) throw new IllegalArgumentException("Grad-CAM takes one image, got batch " + image.dim(0));
        GradientResult r = Backprop.compute(graph, Map.of(graph.inputNames().get(0), image), score, List.of(convLayer));
        Tensor a = r.activation(convLayer), g = r.gradient(convLayer);
        if (a.rank() != 4) throw new IllegalArgumentException("Grad-CAM needs a spatial layer [1,h,w,K]; '" + convLayer + "' gives rank " + a.rank());
        int h = a.dim(1), w = a.dim(2), k = a.dim(3);
        float[] alpha = new float[k];
        float[] gd = g.data(), ad = a.data();
        for (int p = 0; p < h * w; p++) for (int c = 0; c < k; c++) alpha[c] += gd[p * k + c];
        for (int c = 0; c < k; c++) alpha[c] /= h * w;
        Tensor cam = Tensor.zeros(1, h, w, 1);
        float max = 0;
        for (int p = 0; p < h * w; p++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += (double) alpha[c] * ad[p * k + c];
            float v = (float) Math.max(s, 0);
            cam.data()[p] = v;
            max = Math.max(max, v);
        }
        Tensor scaled = cam.copy();
        if (max > 0) for (int p = 0; p < scaled.size(); p++) scaled.data()[p] /= max;
        Tensor heat = Resize.resize(scaled, image.dim(1), image.dim(2), Interpolation.BILINEAR);
        return new GradCam(heat, cam, alpha, r.value());
    }
}
