package org.convscope.viz.features;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convscope.grad.AscentListener;
import org.convscope.grad.AscentResult;
import org.convscope.grad.AscentStep;
import org.convscope.grad.Backprop;
import org.convscope.grad.GradientResult;
import org.convscope.grad.Objective;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * Lucid-style activation maximisation: the image is parameterised in a decorrelated Fourier basis
 * ({@link FourierImage}, 1/f spectrum), its colours decorrelated and squashed to [0,1]
 * ({@link ColorTransform}), and each step sees the image through a fresh random shift, scale and
 * rotation ({@link RandomWarp}); the parameters follow Adam (Lucid: learning rate 0.05).
 *
 * <p>One step: colours = colour(fourier(P)); x = warp(colours)·inputScale + inputOffset (the model's
 * input range); J = objective(model(x)); then dJ/dP by the chain rule back through every stage, and
 * an Adam ascent step on P. The returned image is the un-warped colour image in [0,1].
 *
 * <p>Deterministic for a seed. Stateless: every run builds its own parameters and optimiser state,
 * so runs on one graph may go on in several threads at once.
 */
public final class LucidAscent {
    /**
     * Settings.
     *
     * @param steps        optimisation steps (Lucid renders 512; 64-128 already show the pattern)
     * @param learningRate Adam's step (Lucid: 0.05)
     * @param seed         seeds the start spectrum and the random transformations
     * @param jitter       largest shift in pixels (Lucid: 8 + 4 at 224 px)
     * @param maxScale     zoom drawn from [1/maxScale... maxScale] (Lucid: 0.9-1.1)
     * @param maxAngle     rotation drawn from [−maxAngle, maxAngle] degrees (Lucid: ±10)
     * @param decorrelate  decorrelate colours (3-channel models)
     * @param inputScale   model input = colour·inputScale + inputOffset (e.g. 2, −1 for models fed [−1, 1])
     * @param inputOffset  see inputScale
     */
    public record Options(int steps, double learningRate, long seed, int jitter, double maxScale, double maxAngle,
                          boolean decorrelate, double inputScale, double inputOffset) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException when {@code steps} or {@code jitter} is negative,
         *                                  {@code learningRate} is not a positive number,
         *                                  {@code maxScale} is below 1 or {@code maxAngle} is negative
         */
        public Options {
            if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            if (jitter < 0 || maxScale < 1 || maxAngle < 0) {
                throw new IllegalArgumentException("jitter >= 0, maxScale >= 1 and maxAngle >= 0 expected, got " + jitter + ", " + maxScale + ", " + maxAngle);
            }
        }

        /**
         * Lucid's defaults, with the jitter scaled to the image size and 128 steps; input in [0, 1].
         *
         * @param imageSize the image side in pixels; the jitter is {@code round(12·imageSize/224)},
         *                  at least 1 (Lucid's 8 + 4 pixels at 224)
         * @return 128 steps, learning rate 0.05, seed 0, that jitter, zoom up to 1.1, rotation up to
         *         10 degrees, decorrelated colours, model input = colour
         */
        public static Options defaults(int imageSize) {
            return new Options(128, 0.05, 0, Math.max(1, Math.round(imageSize * 12f / 224)), 1.1, 10, true, 1, 0);
        }

        /**
         * {@return a copy with another number of steps}
         *
         * @param s the number of steps, &gt;= 0
         */
        public Options withSteps(int s) { return new Options(s, learningRate, seed, jitter, maxScale, maxAngle, decorrelate, inputScale, inputOffset); }

        /**
         * {@return a copy with another seed}
         *
         * @param s seeds the start spectrum and the random transformations
         */
        public Options withSeed(long s) { return new Options(steps, learningRate, s, jitter, maxScale, maxAngle, decorrelate, inputScale, inputOffset); }

        /**
         * A copy for a model fed values in [lo, hi]: colour c in [0, 1] becomes {@code lo + c·(hi − lo)}.
         *
         * @param lo the low end of the model's input range (−1 for models fed [−1, 1])
         * @param hi the high end
         * @return the copy, with {@code inputScale = hi − lo} and {@code inputOffset = lo}
         */
        public Options withInputRange(double lo, double hi) {
            return new Options(steps, learningRate, seed, jitter, maxScale, maxAngle, decorrelate, hi - lo, lo);
        }

        /**
         * {@return a copy with other random transformations}
         *
         * @param j the largest shift in pixels, &gt;= 0
         * @param s the largest zoom factor, &gt;= 1 (the zoom is drawn log-uniformly from [1/s, s])
         * @param a the largest rotation in degrees, &gt;= 0
         */
        public Options withTransforms(int j, double s, double a) {
            return new Options(steps, learningRate, seed, j, s, a, decorrelate, inputScale, inputOffset);
        }
    }

    private LucidAscent() {}

    /**
     * Optimises an image of {@code [1, h, w, c]} for {@code objective} on the single-input {@code graph}.
     * The listener sees the colour image in [0, 1] that each step evaluated (before its update).
     * Costs one forward and backward pass per step, plus one to evaluate the final image.
     *
     * @param graph     a model with one image input {@code [N, h, w, c]}
     * @param objective what to maximise, for example {@link org.convscope.grad.Objectives#channelMean}
     * @param h         image height
     * @param w         image width
     * @param c         channels, as the model takes them
     * @param o         the settings
     * @param listener  told about every step, and may stop the run ({@link AscentListener#NONE} for
     *                  none)
     * @return the final colour image {@code [1, h, w, c]} in [0, 1] (un-warped); as start value the
     *         objective of step 1, which saw that step's random warp (the final value when no step
     *         was made); as end value the objective of the un-warped final image; and the number of
     *         steps made. {@link #evaluate} gives an un-warped value for any image
     * @throws IllegalArgumentException             when the model does not have exactly one input, or
     *                                              the objective or a layer rejects the image
     * @throws org.convscope.grad.NoGradientException when the model holds a layer without a gradient
     */
    public static AscentResult run(Graph graph, Objective objective, int h, int w, int c, Options o, AscentListener listener) {
        if (graph.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + graph.name() + "' has " + graph.inputNames().size() + " inputs; feature visualisation needs one");
        }
        String in = graph.inputNames().get(0);
        Random r = new Random(o.seed());
        FourierImage param = new FourierImage(h, w, c, 0.01, 1, r);
        ColorTransform color = new ColorTransform(o.decorrelate());
        float[][] p = param.params();
        float[][] m = new float[c][p[0].length], v = new float[c][p[0].length];
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double first = Double.NaN;
        int done = 0;
        for (int s = 1; s <= o.steps(); s++) {
            Tensor colours = color.forward(param.image());
            RandomWarp warp = randomWarp(r, o);
            Tensor x = toInput(warp.forward(colours), o);
            GradientResult g = Backprop.compute(graph, Map.of(in, x), objective, List.of());
            if (s == 1) first = g.value();
            Tensor dWarped = scaled(g.gradient(in), o.inputScale());
            float[][] dp = param.backward(color.backward(colours, warp.backward(colours, dWarped)));
            // Adam, ascending: P += lr · m̂ / (√v̂ + ε)
            double c1 = 1 - Math.pow(b1, s), c2 = 1 - Math.pow(b2, s);
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < p[ch].length; i++) {
                    float gi = dp[ch][i];
                    m[ch][i] = (float) (b1 * m[ch][i] + (1 - b1) * gi);
                    v[ch][i] = (float) (b2 * v[ch][i] + (1 - b2) * gi * gi);
                    p[ch][i] += (float) (o.learningRate() * (m[ch][i] / c1) / (Math.sqrt(v[ch][i] / c2) + eps));
                }
            }
            done = s;
            if (!listener.onStep(new AscentStep(s, o.steps(), g.value(), colours))) break;
        }
        Tensor image = color.forward(param.image());
        double end = Backprop.compute(graph, Map.of(in, toInput(image, o)), objective, List.of()).value();
        return new AscentResult(image, done == 0 ? end : first, end, done);
    }

    /**
     * The objective of an image in [0, 1], un-warped (to compare start and end fairly).
     *
     * @param graph     the model; its first input is fed
     * @param objective the objective
     * @param image     a colour image {@code [1, H, W, C]} in [0, 1]; not modified
     * @param o         the settings; only {@code inputScale} and {@code inputOffset} are used
     * @return J at {@code image·inputScale + inputOffset}
     * @throws IllegalArgumentException when the objective or a layer rejects the image
     */
    public static double evaluate(Graph graph, Objective objective, Tensor image, Options o) {
        return Backprop.compute(graph, Map.of(graph.inputNames().get(0), toInput(image, o)), objective, List.of()).value();
    }

    private static RandomWarp randomWarp(Random r, Options o) {
        int j = o.jitter();
        double dy = j == 0 ? 0 : r.nextInt(2 * j + 1) - j, dx = j == 0 ? 0 : r.nextInt(2 * j + 1) - j;
        double ls = Math.log(o.maxScale());
        double scale = Math.exp((2 * r.nextDouble() - 1) * ls);
        // Lucid draws the angle from −10..10 with 0 given extra weight; here: 0 one time in five.
        double angle = r.nextInt(5) == 0 ? 0 : (2 * r.nextDouble() - 1) * o.maxAngle();
        return new RandomWarp(dy, dx, scale, angle, 0.5f);
    }

    static Tensor toInput(Tensor colours, Options o) {
        if (o.inputScale() == 1 && o.inputOffset() == 0) return colours;
        Tensor x = colours.copy();
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (d[i] * o.inputScale() + o.inputOffset());
        return x;
    }

    private static Tensor scaled(Tensor t, double k) {
        if (k == 1) return t;
        Tensor out = t.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) d[i] *= (float) k;
        return out;
    }
}
