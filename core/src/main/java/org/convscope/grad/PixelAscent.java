package org.convscope.grad;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * Activation maximisation in pixel space, a close match of keras.io's "Visualizing what convnets
 * learn" (F. Chollet): start from a seeded low-contrast noise image, then repeat
 * <pre>
 *   g = dJ/dx;   x ← x + stepSize · g / ‖g‖₂
 * </pre>
 * (30 steps of size 10 there). J is usually {@link Objectives#channelMean} with a border of 2 left
 * out, which keeps the image's edges from dominating. Optionally, each step first shifts the image by
 * a random offset of up to {@code jitter} pixels (with wrap-around) and shifts the gradient back, which
 * discourages high-frequency patterns that only work at one alignment. Deterministic for a seed.
 *
 * <p>The image is not clipped to the model's input range during the ascent; {@link #deprocess}
 * makes it displayable. Stateless: runs on one graph may go on in several threads at once.
 */
public final class PixelAscent {
    /**
     * Settings.
     *
     * @param steps     number of ascent steps (keras.io: 30)
     * @param stepSize  the L2 length of each step (keras.io: 10)
     * @param jitter    random roll of up to this many pixels each step (0 = none, as keras.io)
     * @param seed      seeds the start image and the jitter
     * @param initMean  centre of the start image (0 for models fed [-1,1], 0.5 for [0,1])
     * @param initRange width of the uniform start noise (keras.io: 0.25)
     */
    public record Options(int steps, double stepSize, int jitter, long seed, double initMean, double initRange) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException when {@code steps} or {@code jitter} is negative, or
         *                                  {@code stepSize} is not a positive number
         */
        public Options {
            if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            if (!(stepSize > 0)) throw new IllegalArgumentException("step size must be > 0, got " + stepSize);
            if (jitter < 0) throw new IllegalArgumentException("jitter must be >= 0, got " + jitter);
        }

        /**
         * {@return keras.io's settings: 30 steps of L2 length 10, no jitter, seed 0, start noise
         * uniform(−0.125, 0.125)}
         */
        public static Options kerasIo() { return new Options(30, 10, 0, 0, 0, 0.25); }

        /**
         * keras.io's settings with the step scaled to the image: keras.io's step of L2 length 10 on a
         * 180×180×3 image moves each value by about 10/√97200 ≈ 0.032; this keeps that per-value
         * step, {@code 10·√(N / 97200)} for N values (2.05 for a 64×64 gray image).
         *
         * @param shape the image shape {@code [1, H, W, C]}; the first (batch) axis is not counted
         * @return keras.io's settings with that step size
         */
        public static Options kerasIoScaled(int[] shape) {
            long n = 1;
            for (int i = 1; i < shape.length; i++) n *= shape[i];
            return kerasIo().withStepSize(10 * Math.sqrt(n / 97200.0));
        }

        /**
         * {@return a copy with another number of steps}
         *
         * @param s the number of steps, &gt;= 0
         */
        public Options withSteps(int s) { return new Options(s, stepSize, jitter, seed, initMean, initRange); }

        /**
         * {@return a copy with another seed}
         *
         * @param s seeds the start image and the jitter
         */
        public Options withSeed(long s) { return new Options(steps, stepSize, jitter, s, initMean, initRange); }

        /**
         * {@return a copy with another jitter}
         *
         * @param j the largest random roll in pixels, &gt;= 0 (0 = none)
         */
        public Options withJitter(int j) { return new Options(steps, stepSize, j, seed, initMean, initRange); }

        /**
         * {@return a copy with another start image: uniform noise of width {@code range} around
         * {@code mean}}
         *
         * @param mean  centre of the start noise (the middle of the model's input range)
         * @param range width of the start noise
         */
        public Options withInit(double mean, double range) { return new Options(steps, stepSize, jitter, seed, mean, range); }

        /**
         * {@return a copy with another step size}
         *
         * @param s the L2 length of each step, &gt; 0
         */
        public Options withStepSize(double s) { return new Options(steps, s, jitter, seed, initMean, initRange); }
    }

    private PixelAscent() {}

    /**
     * The seeded start image: every value is {@code initMean + (u − 0.5)·initRange} with u uniform
     * in [0, 1) from a {@link Random} seeded with {@code o.seed()}.
     *
     * @param shape the image shape, usually {@code [1, H, W, C]}
     * @param o     the settings (seed, initMean, initRange)
     * @return a new tensor of that shape
     */
    public static Tensor startImage(int[] shape, Options o) {
        Random r = new Random(o.seed());
        Tensor x = Tensor.zeros(shape);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (o.initMean() + (r.nextFloat() - 0.5) * o.initRange());
        return x;
    }

    /**
     * Runs gradient ascent on the single input of {@code graph}, from {@link #startImage}.
     *
     * @param graph      a model with one image input
     * @param objective  what to maximise, for example {@link Objectives#channelMean}
     * @param inputShape the image shape {@code [1, H, W, C]}
     * @param o          the settings
     * @param listener   told about every step, and may stop the run ({@link AscentListener#NONE}
     *                   for none)
     * @return the optimised image in the model's input space (not clipped), the objective at the
     *         start and at the end, and the number of steps made
     * @throws IllegalArgumentException when the model does not have exactly one input, or the
     *                                  objective or a layer rejects the image
     * @throws NoGradientException      when the model holds a layer without a gradient
     */
    public static AscentResult run(Graph graph, Objective objective, int[] inputShape, Options o, AscentListener listener) {
        return run(graph, objective, startImage(inputShape, o), o, listener);
    }

    /**
     * Runs gradient ascent from a given start image. With jitter, each step's gradient is computed on
     * the image rolled by a random offset (so the image must be {@code [N, H, W, C]}) and rolled back.
     * Costs one forward and backward pass per step, plus one to evaluate the final image.
     *
     * @param graph     a model with one input
     * @param objective what to maximise
     * @param start     the start image in the model's input space; not modified
     * @param o         the settings (its init values are not used)
     * @param listener  told about every step, and may stop the run ({@link AscentListener#NONE} for
     *                  none)
     * @return the optimised image (a new tensor, not clipped), the objective at the start image and
     *         at the final image (both the final value when no step was made), and the number of
     *         steps made
     * @throws IllegalArgumentException when the model does not have exactly one input, or the
     *                                  objective or a layer rejects the image
     * @throws NoGradientException      when the model holds a layer without a gradient
     */
    public static AscentResult run(Graph graph, Objective objective, Tensor start, Options o, AscentListener listener) {
        if (graph.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + graph.name() + "' has " + graph.inputNames().size() + " inputs; pixel ascent needs one");
        }
        String in = graph.inputNames().get(0);
        Random r = new Random(o.seed() ^ 0x9E3779B97F4A7C15L);
        Tensor x = start.copy();
        int h = x.rank() == 4 ? x.dim(1) : 1, w = x.rank() == 4 ? x.dim(2) : 1;
        double first = Double.NaN, last = Double.NaN;
        int done = 0;
        for (int s = 1; s <= o.steps(); s++) {
            int dy = o.jitter() > 0 ? r.nextInt(2 * o.jitter() + 1) - o.jitter() : 0;
            int dx = o.jitter() > 0 ? r.nextInt(2 * o.jitter() + 1) - o.jitter() : 0;
            Tensor fed = dy == 0 && dx == 0 ? x : roll(x, dy, dx);
            GradientResult g = Backprop.compute(graph, Map.of(in, fed), objective, List.of());
            Tensor grad = g.gradient(in);
            if (dy != 0 || dx != 0) grad = roll(grad, -dy, -dx);
            if (s == 1) first = g.value();
            last = g.value();
            double norm = 0;
            for (float v : grad.data()) norm += (double) v * v;
            norm = Math.sqrt(Math.max(norm, 1e-24));       // tf.math.l2_normalize's epsilon
            float[] xd = x.data(), gd = grad.data();
            double k = o.stepSize() / norm;
            for (int i = 0; i < xd.length; i++) xd[i] += (float) (k * gd[i]);
            done = s;
            if (!listener.onStep(new AscentStep(s, o.steps(), g.value(), x.copy()))) break;
        }
        double end = Backprop.compute(graph, Map.of(in, x), objective, List.of()).value();
        if (done == 0) first = end;
        return new AscentResult(x, first, end, done);
    }

    /** Cyclic shift of an NHWC image by (dy, dx) pixels: out[y, x] = in[y − dy, x − dx]. */
    static Tensor roll(Tensor t, int dy, int dx) {
        int n = t.dim(0), h = t.dim(1), w = t.dim(2), c = t.dim(3);
        Tensor out = Tensor.zeros(t.shape());
        float[] a = t.data(), b = out.data();
        for (int bb = 0; bb < n; bb++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.floorMod(y - dy, h);
                for (int x = 0; x < w; x++) {
                    int sx = Math.floorMod(x - dx, w);
                    System.arraycopy(a, ((bb * h + sy) * w + sx) * c, b, ((bb * h + y) * w + x) * c, c);
                }
            }
        }
        return out;
    }

    /**
     * keras.io's {@code deprocess_image}: centre on 0, scale to standard deviation 0.15, cut
     * {@code crop} pixels off each side, add 0.5 and clip to [0, 1]. The mean and standard deviation
     * are those of the whole tensor, over all channels.
     *
     * @param image an optimised image {@code [1, H, W, C]}; only the first batch item is drawn; not
     *              modified
     * @param crop  pixels cut off each side, &gt;= 0
     * @return a new {@code [1, H−2crop, W−2crop, C]} image in [0, 1]
     * @throws IllegalArgumentException when the crop leaves nothing of the image
     */
    public static Tensor deprocess(Tensor image, int crop) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        if (2 * crop >= h || 2 * crop >= w) throw new IllegalArgumentException("crop " + crop + " leaves nothing of a " + h + "x" + w + " image");
        float[] d = image.data();
        double mean = 0;
        for (float v : d) mean += v;
        mean /= d.length;
        double var = 0;
        for (float v : d) var += (v - mean) * (v - mean);
        double std = Math.sqrt(var / d.length);
        int oh = h - 2 * crop, ow = w - 2 * crop;
        Tensor out = Tensor.zeros(1, oh, ow, c);
        float[] o = out.data();
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double v = (d[((y + crop) * w + x + crop) * c + ch] - mean) / (std + 1e-5) * 0.15 + 0.5;
                    o[(y * ow + x) * c + ch] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return out;
    }
}
