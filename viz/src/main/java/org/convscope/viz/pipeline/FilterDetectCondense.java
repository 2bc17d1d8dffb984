package org.convscope.viz.pipeline;

import org.convscope.geometry.Padding;
import org.convscope.layers.Conv2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.ReLU;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * The lesson's three steps of feature extraction for one kernel on a one-channel image, each
 * computed by the engine's own layers:
 * <ol>
 *   <li><b>Filter</b> — Conv2D with the single kernel, stride 1, {@code same} padding, no bias:
 *   {@code out[y,x] = Σ_{i,j} k[i,j] · in[y+i−p, x+j−p]} (zeros outside);</li>
 *   <li><b>Detect</b> — ReLU: {@code max(0, out)} keeps only where the pattern is present;</li>
 *   <li><b>Condense</b> — MaxPooling2D 2x2, stride 2, {@code same}: keeps the strongest response of
 *   each 2x2 block, halving the size (rounding up).</li>
 * </ol>
 */
public final class FilterDetectCondense {
    /**
     * The four tensors of the pipeline, each {@code [1, H, W, 1]}, and the kernel used.
     *
     * @param input     the gray image, {@code [1, H, W, 1]}
     * @param filtered  the convolution, same size as the input
     * @param detected  the ReLU of {@code filtered}
     * @param condensed the 2x2 max-pool of {@code detected}, {@code [1, ceil(H/2), ceil(W/2), 1]}
     * @param kernel    the kernel, {@code k[row][col]} (the caller's array, not copied)
     */
    public record Stages(Tensor input, Tensor filtered, Tensor detected, Tensor condensed, float[][] kernel) {}

    private FilterDetectCondense() {}

    /**
     * {@return a new Conv2D layer named "filter" holding one {@code kh x kw} kernel (1 input channel,
     * 1 filter, no bias, stride 1, same padding, no activation)}
     *
     * @param kernel the kernel, {@code k[row][col]}, all rows of the same length (copied)
     */
    public static Conv2D filterLayer(float[][] kernel) {
        int kh = kernel.length, kw = kernel[0].length;
        Tensor k = Tensor.zeros(kh, kw, 1, 1);
        for (int y = 0; y < kh; y++) for (int x = 0; x < kw; x++) k.set(kernel[y][x], y, x, 0, 0);
        return new Conv2D("filter", k, null, new int[]{1, 1}, Padding.SAME, new int[]{1, 1}, 1, null);
    }

    /** {@return a new ReLU layer named "detect" (no cap, slope 0, threshold 0)} */
    public static ReLU detectLayer() {
        return new ReLU("detect", null, 0f, 0f);
    }

    /** {@return a new MaxPooling2D layer named "condense": 2x2, stride 2, {@code same} padding} */
    public static MaxPooling2D condenseLayer() {
        return new MaxPooling2D("condense", new int[]{2, 2}, new int[]{2, 2}, Padding.SAME);
    }

    /**
     * Runs the three stages.
     *
     * @param image  one gray image {@code [1, H, W, 1]}
     * @param kernel the kernel, {@code k[row][col]}, for example from {@link ClassicKernels#get}
     * @return the input and the three stage outputs
     * @throws IllegalArgumentException if the image is not {@code [1, H, W, 1]}
     */
    public static Stages run(Tensor image, float[][] kernel) {
        int[] s = image.shape();
        if (s.length != 4 || s[0] != 1 || s[3] != 1) {
            throw new IllegalArgumentException("the filter/detect/condense pipeline takes one gray image [1,H,W,1], got " + Shapes.toString(s));
        }
        Tensor filtered = filterLayer(kernel).forward(image);
        Tensor detected = detectLayer().forward(filtered);
        Tensor condensed = condenseLayer().forward(detected);
        return new Stages(image, filtered, detected, condensed, kernel);
    }
}
