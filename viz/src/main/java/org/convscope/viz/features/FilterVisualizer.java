package org.convscope.viz.features;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.convscope.grad.AscentListener;
import org.convscope.grad.AscentResult;
import org.convscope.grad.Objective;
import org.convscope.grad.Objectives;
import org.convscope.grad.PixelAscent;
import org.convscope.graph.Graph;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * {@code show_filters}: for filters of a layer, the image that excites each filter most, found by
 * gradient ascent on the mean activation of that filter ({@link Objectives#channelMean}).
 *
 * <p>Two methods: {@link Method#PIXEL} is keras.io's recipe ({@link PixelAscent}: 30 steps of L2
 * length 10, scaled to the image size so each value moves as much as on keras.io's 180×180×3
 * image, from faint seeded noise, the border of the activation left out, then centred, contrast
 * normalised and border-cropped for display); {@link Method#LUCID} optimises a decorrelated
 * Fourier image under random jitter, scale and rotation ({@link LucidAscent}), which gives smoother,
 * more natural pictures at the cost of more steps. Filter f is seeded with {@code seed + f}, so a
 * picture is reproducible on its own.
 *
 * <p>Stateless: the graph is only read and every picture is computed on its own, so filters may be
 * drawn on several threads at once (see {@link #visualize(Graph, String, int, int, Options, int, Consumer)}).
 */
public final class FilterVisualizer {
    /** The optimisation method. */
    public enum Method {
        /** keras.io's gradient ascent in pixel space ({@link PixelAscent}): few steps, noisier pictures. */
        PIXEL,
        /** Lucid-style ascent on a decorrelated Fourier image ({@link LucidAscent}): smoother, slower. */
        LUCID
    }

    /**
     * Settings.
     *
     * @param method    PIXEL (keras.io) or LUCID
     * @param steps     ascent steps (keras.io: 30; LUCID needs ~100+)
     * @param seed      base seed; filter f uses {@code seed + f}
     * @param inputLow  the model's input range, low end (−1 for the emotion model, 0 for /255 models)
     * @param inputHigh the model's input range, high end
     * @param size      image side for models whose input size is not fixed
     * @param border    activation rows/columns left out of the objective on each side (keras.io: 2)
     * @param jitter    PIXEL only: random roll of up to this many pixels before each step (keras.io: 0)
     */
    public record Options(Method method, int steps, long seed, double inputLow, double inputHigh, int size, int border, int jitter) {
        /**
         * Checks the settings. {@code size} and {@code border} are taken as given (a border that
         * would leave nothing of the activation map is dropped when a filter is drawn).
         *
         * @throws IllegalArgumentException when {@code method} is null, {@code steps} or
         *                                  {@code jitter} is negative, or the input range is empty
         */
        public Options {
            if (method == null) throw new IllegalArgumentException("method must be PIXEL or LUCID");
            if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            if (!(inputHigh > inputLow)) throw new IllegalArgumentException("input range " + inputLow + ".." + inputHigh + " is empty");
            if (jitter < 0) throw new IllegalArgumentException("jitter must be >= 0, got " + jitter);
        }

        /**
         * {@return keras.io's method: 30 steps, seed 0, input range [0, 1], size 128 for models of
         * any input size, border 2, no jitter}
         */
        public static Options pixel() { return new Options(Method.PIXEL, 30, 0, 0, 1, 128, 2, 0); }

        /**
         * {@return the Lucid-style method: 128 steps, seed 0, input range [0, 1], size 128 for models
         * of any input size, no border (its random warps already keep the edges in check)}
         */
        public static Options lucid() { return new Options(Method.LUCID, 128, 0, 0, 1, 128, 0, 0); }

        /**
         * {@return a copy with another number of steps}
         *
         * @param s ascent steps, &gt;= 0
         */
        public Options withSteps(int s) { return new Options(method, s, seed, inputLow, inputHigh, size, border, jitter); }
        /**
         * {@return a copy with another base seed}
         *
         * @param s the base seed; filter f uses {@code s + f}
         */
        public Options withSeed(long s) { return new Options(method, steps, s, inputLow, inputHigh, size, border, jitter); }
        /**
         * {@return a copy for a model fed values in [lo, hi]}
         *
         * @param lo the low end of the model's input range
         * @param hi the high end, &gt; {@code lo}
         */
        public Options withInputRange(double lo, double hi) { return new Options(method, steps, seed, lo, hi, size, border, jitter); }
        /**
         * {@return a copy with another image side for models whose input size is not fixed}
         *
         * @param s the side in pixels
         */
        public Options withSize(int s) { return new Options(method, steps, seed, inputLow, inputHigh, s, border, jitter); }
        /**
         * {@return a copy with another jitter (used by {@link Method#PIXEL} only)}
         *
         * @param j the largest random roll in pixels, &gt;= 0 (0 = none)
         */
        public Options withJitter(int j) { return new Options(method, steps, seed, inputLow, inputHigh, size, border, j); }
        /**
         * {@return a copy with another border}
         *
         * @param b activation rows and columns left out of the objective on each side, &gt;= 0
         */
        public Options withBorder(int b) { return new Options(method, steps, seed, inputLow, inputHigh, size, b, jitter); }
    }

    /**
     * One filter's picture.
     *
     * @param filter     the channel index
     * @param image      {@code [1, h, w, c]} in [0, 1], ready to draw
     * @param startValue the objective at the start image
     * @param endValue   the objective at the optimised image
     */
    public record FilterImage(int filter, Tensor image, double startValue, double endValue) {}

    private FilterVisualizer() {}

    /**
     * The input shape the pictures are made at: the model's own height and width, or
     * {@code o.size()} where they are not fixed.
     *
     * @param graph a model whose first input is an image {@code [N, H, W, C]}
     * @param o     the settings (for the size)
     * @return a new array {@code [1, H, W, C]}
     * @throws IllegalArgumentException naming the model when its first input is not of rank 4
     */
    public static int[] imageShape(Graph graph, Options o) {
        int[] s = graph.shapeOf(graph.inputNames().get(0));
        if (s.length != 4) throw new IllegalArgumentException("model '" + graph.name() + "' takes " + Shapes.toString(s) + ", not an image [N,H,W,C]");
        return new int[] {1, s[1] < 0 ? o.size() : s[1], s[2] < 0 ? o.size() : s[2], s[3]};
    }

    /**
     * The number of filters of a layer.
     *
     * @param graph the model
     * @param layer a node name
     * @return the size of the last axis of its output
     * @throws IllegalArgumentException listing the layers when {@code layer} is not a node of the
     *                                  model
     */
    public static int channels(Graph graph, String layer) {
        int[] s = graph.shapeOf(layer);
        return s[s.length - 1];
    }

    /**
     * The picture of one filter; the listener watches the run (and may stop it). The objective is
     * the filter's mean activation, with {@code o.border()} left out only when the activation map is
     * larger than {@code 2·border + 1} on both axes. {@link Method#PIXEL} pictures are deprocessed
     * ({@link PixelAscent#deprocess}) and cropped by {@code min(H, W)·25/180} pixels on each side;
     * {@link Method#LUCID} pictures have the input size.
     *
     * @param graph    a model with one image input
     * @param layer    the layer whose filter to draw
     * @param filter   the filter (channel) index, {@code 0 <= filter < channels(graph, layer)}
     * @param o        the settings
     * @param listener told about every ascent step ({@link AscentListener#NONE} for none)
     * @return the picture in [0, 1] with the objective before and after
     * @throws IllegalArgumentException when the filter is out of range, the layer is unknown, or
     *                                  the model does not take one image
     * @throws org.convscope.grad.NoGradientException when the model holds a layer without a
     *                                                gradient
     */
    public static FilterImage visualize(Graph graph, String layer, int filter, Options o, AscentListener listener) {
        int c = channels(graph, layer);
        if (filter < 0 || filter >= c) {
            throw new IllegalArgumentException("layer '" + layer + "' has " + c + " filters (0.." + (c - 1) + "), not " + filter);
        }
        int[] shape = imageShape(graph, o);
        int[] act = graph.shapeOf(layer);
        int border = act.length == 4 && act[1] > 2 * o.border() + 1 && act[2] > 2 * o.border() + 1 ? o.border() : 0;
        Objective objective = Objectives.channelMean(layer, filter, border);
        long seed = o.seed() + filter;
        if (o.method() == Method.PIXEL) {
            double range = o.inputHigh() - o.inputLow();
            PixelAscent.Options po = PixelAscent.Options.kerasIoScaled(shape).withSteps(o.steps()).withSeed(seed)
                    .withInit((o.inputLow() + o.inputHigh()) / 2, range / 8).withJitter(o.jitter());
            AscentResult r = PixelAscent.run(graph, objective, shape, po, listener);
            int crop = Math.max(0, Math.min(shape[1], shape[2]) * 25 / 180);   // keras.io: 25 of 180 pixels
            return new FilterImage(filter, PixelAscent.deprocess(r.image(), crop), r.startValue(), r.endValue());
        }
        LucidAscent.Options lo = LucidAscent.Options.defaults(Math.min(shape[1], shape[2])).withSteps(o.steps()).withSeed(seed)
                .withInputRange(o.inputLow(), o.inputHigh());
        AscentResult r = LucidAscent.run(graph, objective, shape[1], shape[2], shape[3], lo, listener);
        return new FilterImage(filter, r.image(), r.startValue(), r.endValue());
    }

    /**
     * Pictures of filters {@code offset .. offset+count−1} (clipped to the layer's filters), made on
     * {@code threads} threads (each filter is independent and seeded, so the pictures do not depend
     * on the thread count); {@code progress} hears about each finished filter, in filter order.
     *
     * @param graph    a model with one image input
     * @param layer    the layer whose filters to draw
     * @param offset   the first filter, {@code 0 <= offset < channels(graph, layer)}
     * @param count    how many filters; clipped to the layer's last filter (none when &lt;= 0)
     * @param o        the settings
     * @param threads  how many threads to use (at most one per filter); 1 or less runs on the
     *                 calling thread. The pool's daemon threads are shut down before returning
     * @param progress called on the calling thread with each picture as it is collected, in filter
     *                 order; may be null
     * @return the pictures, in filter order
     * @throws IllegalArgumentException when {@code offset} is out of range, or as
     *                                  {@link #visualize(Graph, String, int, Options, AscentListener)}
     * @throws IllegalStateException    when interrupted while waiting (the interrupt flag is set
     *                                  again)
     */
    public static List<FilterImage> visualize(Graph graph, String layer, int offset, int count, Options o, int threads,
                                              Consumer<FilterImage> progress) {
        int c = channels(graph, layer);
        if (offset < 0 || offset >= c) throw new IllegalArgumentException("offset " + offset + " is past the " + c + " filters of '" + layer + "'");
        int end = Math.min(c, offset + Math.max(0, count));
        List<FilterImage> out = new ArrayList<>();
        if (threads <= 1 || end - offset <= 1) {
            for (int f = offset; f < end; f++) {
                FilterImage fi = visualize(graph, layer, f, o, AscentListener.NONE);
                out.add(fi);
                if (progress != null) progress.accept(fi);
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, end - offset), r -> {
            Thread t = new Thread(r, "convscope-filters");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<FilterImage>> futures = new ArrayList<>();
            for (int f = offset; f < end; f++) {
                int filter = f;
                futures.add(pool.submit(() -> visualize(graph, layer, filter, o, AscentListener.NONE)));
            }
            for (java.util.concurrent.Future<FilterImage> fu : futures) {
                FilterImage fi;
                try {
                    fi = fu.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while drawing filters of '" + layer + "'", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                }
                out.add(fi);
                if (progress != null) progress.accept(fi);
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * {@link #visualize(Graph, String, int, int, Options, int, Consumer)} on the calling thread.
     *
     * @param graph    a model with one image input
     * @param layer    the layer whose filters to draw
     * @param offset   the first filter, {@code 0 <= offset < channels(graph, layer)}
     * @param count    how many filters; clipped to the layer's last filter (none when &lt;= 0)
     * @param o        the settings
     * @param progress called with each picture as it is made; may be null
     * @return the pictures, in filter order
     * @throws IllegalArgumentException when {@code offset} is out of range, or as
     *                                  {@link #visualize(Graph, String, int, Options, AscentListener)}
     */
    public static List<FilterImage> visualize(Graph graph, String layer, int offset, int count, Options o, Consumer<FilterImage> progress) {
        return visualize(graph, layer, offset, count, o, 1, progress);
    }
}
