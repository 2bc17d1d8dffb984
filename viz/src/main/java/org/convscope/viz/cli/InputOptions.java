package org.convscope.viz.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convscope.image.Interpolation;
import org.convscope.viz.model.InputExpectation;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.Preprocess;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the image is prepared for a model: {@code --size}, {@code --resize}, {@code --crop}, {@code --range}. */
public final class InputOptions {
    @Option(names = "--size", paramLabel = "N|HxW", description = "Resize the image to N×N (or H×W) pixels. Default: the model's input size, if fixed.")
    String size;

    @Option(names = "--resize", paramLabel = "METHOD", description = "Resize method: nearest or bilinear (default), like tf.image.resize.")
    String resize;

    @Option(names = "--crop", paramLabel = "TOP,LEFT,H,W", description = "Crop this window of the image before resizing.")
    String crop;

    @Option(names = "--range", paramLabel = "LO:HI", description = "Model input range, pixels mapped linearly: 0:1 (x/255), -1:1 ((x/255 - 0.5)·2), "
            + "0:255 (raw pixels), or any LO:HI. Default: what the model expects when it can be told (its own Rescaling/Normalization "
            + "layers, a known model), else 0:1.")
    String range;

    @Option(names = "--preprocess", paramLabel = "MODE", description = "Keras Applications' preprocess_input modes: caffe (RGB->BGR, 0-255 minus the ImageNet "
            + "mean), tf ([-1, 1]), torch ([0, 1] minus the ImageNet mean, divided by its std), none (raw pixels 0-255, for models that rescale "
            + "themselves).")
    String preprocess;

    /** What was said about the input range (the model's expectation, a mismatch), for the report. */
    final java.util.List<String> notes = new java.util.ArrayList<>();

    boolean given() {
        return size != null || resize != null || crop != null || range != null || preprocess != null;
    }

    /**
     * The preparation for {@code model}, starting from {@code base} for whatever was not given. Without
     * {@code --range}/{@code --preprocess} and without a base, the values follow what the model expects
     * ({@link InputExpectation}), said on stderr; when they are given and differ from it, a warning
     * goes to stderr and into {@link #notes}.
     */
    Preprocess forModel(CommandLine cl, LoadedModel model, Preprocess base) {
        int[] in = model.inputShape();
        int channels = in.length == 4 && (in[3] == 1 || in[3] == 3) ? in[3] : 3;
        int h = in.length == 4 ? in[1] : -1, w = in.length == 4 ? in[2] : -1;
        Preprocess p = base != null ? base : new Preprocess(channels, null, h, w, Interpolation.BILINEAR, 1f, 0f);
        InputExpectation e = InputExpectation.of(model);
        if (base == null && range == null && preprocess == null && e.known()) {
            p = preset(p, e.preset());
            say("input values " + describe(e.preset()) + ", because " + e.reason() + (e.certain() ? "" : " (a guess)")
                    + "; --range or --preprocess to change");
        }
        Preprocess out = apply(cl, p, channels);
        if ((range != null || preprocess != null) && e.known() && !e.preset().equals(presetOf(out))) {
            say("warning: " + model.name() + " expects values " + describe(e.preset()) + " (" + e.reason() + (e.certain() ? "" : ", a guess")
                    + "), but the image is given " + describe(presetOf(out)) + "; " + hint(e.preset()) + " fits it");
        }
        return out;
    }

    private void say(String s) {
        notes.add(s);
        System.err.println("convscope: " + s);
    }

    /** The preset name of a preparation: 01, tf, none, caffe, torch, or the range. */
    static String presetOf(Preprocess p) {
        return switch (p.mode()) {
            case CAFFE -> "caffe";
            case TORCH -> "torch";
            case AFFINE -> p.scale() == 1f && p.offset() == 0f ? "01" : p.scale() == 2f && p.offset() == -1f ? "tf"
                    : p.scale() == 255f && p.offset() == 0f ? "none" : fmt(p.offset()) + ":" + fmt(p.offset() + p.scale());
        };
    }

    static String describe(String preset) {
        return switch (preset) {
            case "01" -> "in [0, 1]";
            case "tf" -> "in [-1, 1] (tf)";
            case "none" -> "as raw pixels 0-255";
            case "caffe" -> "as caffe (BGR, 0-255 minus the ImageNet mean)";
            case "torch" -> "as torch ([0, 1] minus the ImageNet mean, over its std)";
            default -> "in [" + preset.replace(":", ", ") + "]";
        };
    }

    static String hint(String preset) {
        return switch (preset) {
            case "01" -> "--range 0:1";
            case "tf" -> "--range -1:1 (or --preprocess tf)";
            case "none" -> "--range 0:255 (or --preprocess none)";
            default -> "--preprocess " + preset;
        };
    }

    static Preprocess preset(Preprocess p, String preset) {
        return switch (preset) {
            case "01" -> p.withAffine(1f, 0f);
            case "tf" -> p.withAffine(2f, -1f);
            case "none" -> p.withAffine(255f, 0f);
            case "caffe" -> p.withMode(Preprocess.Mode.CAFFE);
            case "torch" -> p.withMode(Preprocess.Mode.TORCH);
            default -> p;
        };
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
    }

    /** {@code p} with the options given on the command line applied. */
    Preprocess apply(CommandLine cl, Preprocess p, int channels) {
        int h = p.height(), w = p.width();
        if (size != null) {
            int[] hw = parseSize(cl, size);
            h = hw[0];
            w = hw[1];
        }
        Interpolation m = p.interpolation();
        if (resize != null) {
            try {
                m = Interpolation.parse(resize);
            } catch (IllegalArgumentException e) {
                throw Common.usage(cl, "--resize: " + e.getMessage());
            }
        }
        int[] c = crop != null ? parseCrop(cl, crop) : p.crop();
        Preprocess out = new Preprocess(channels, c, h, w, m, p.scale(), p.offset(), p.mode());
        if (range != null && preprocess != null) throw Common.usage(cl, "--range and --preprocess both set the input values; give one");
        if (range != null) {
            Matcher r = RANGE.matcher(range.strip());
            float lo = 0, hi = 0;
            if (r.matches()) {
                lo = Float.parseFloat(r.group(1));
                hi = Float.parseFloat(r.group(2));
            }
            if (!r.matches() || !(hi > lo) || Math.abs(lo) > 1e6 || Math.abs(hi) > 1e6) {
                throw Common.usage(cl, "--range: expected LO:HI with LO < HI, such as 0:1, -1:1 or 0:255, got '" + range + "'");
            }
            out = out.withAffine(hi - lo, lo);
        }
        if (preprocess != null) {
            String mode = preprocess.strip().toLowerCase(java.util.Locale.ROOT);
            if (!java.util.Set.of("caffe", "tf", "torch", "none").contains(mode)) {
                throw Common.usage(cl, "--preprocess: expected caffe, tf, torch or none, got '" + preprocess + "'" + Names.suggest(mode, java.util.List.of("caffe", "tf", "torch", "none")));
            }
            if ((mode.equals("caffe") || mode.equals("torch")) && channels != 3) {
                throw Common.usage(cl, "--preprocess " + mode + ": works on RGB images, but the model takes " + channels + " channel" + (channels == 1 ? "" : "s"));
            }
            out = preset(out, mode);
        }
        return out;
    }

    /** LO:HI, two decimal numbers. */
    private static final Pattern RANGE = Pattern.compile("(-?\\d+(?:\\.\\d+)?):(-?\\d+(?:\\.\\d+)?)");

    /** N or HxW: digits, optionally 'x' and more digits; blanks allowed only around the whole. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(?:[xX](\\d{1,9}))?");

    static int[] parseSize(CommandLine cl, String s) {
        Matcher m = SIZE.matcher(s.strip());
        if (m.matches()) {
            int h = Integer.parseInt(m.group(1)), w = m.group(2) != null ? Integer.parseInt(m.group(2)) : h;
            if (h >= 1 && w >= 1 && h <= 8192 && w <= 8192) return new int[]{h, w};
        }
        throw Common.usage(cl, "--size: expected N or HxW with sizes from 1 to 8192, got '" + s + "'");
    }

    static int[] parseCrop(CommandLine cl, String s) {
        String[] f = s.split(",");
        try {
            if (f.length != 4) throw new NumberFormatException();
            int[] c = new int[4];
            for (int i = 0; i < 4; i++) c[i] = Integer.parseInt(f[i].trim());
            if (c[0] < 0 || c[1] < 0 || c[2] < 1 || c[3] < 1) throw new NumberFormatException();
            return c;
        } catch (NumberFormatException e) {
            throw Common.usage(cl, "--crop: expected TOP,LEFT,HEIGHT,WIDTH (non-negative corner, positive size), got '" + s + "'");
        }
    }
}
