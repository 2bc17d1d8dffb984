package org.convscope.viz.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convscope.image.Interpolation;
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

    @Option(names = "--range", paramLabel = "RANGE", description = "Model input range: 0:1 (x/255, default) or -1:1 ((x/255 - 0.5)·2).")
    String range;

    boolean given() {
        return size != null || resize != null || crop != null || range != null;
    }

    /** The preparation for {@code model}, starting from {@code base} for whatever was not given. */
    Preprocess forModel(CommandLine cl, LoadedModel model, Preprocess base) {
        int[] in = model.inputShape();
        int channels = in.length == 4 && (in[3] == 1 || in[3] == 3) ? in[3] : 3;
        int h = in.length == 4 ? in[1] : -1, w = in.length == 4 ? in[2] : -1;
        Preprocess p = base != null ? base : new Preprocess(channels, null, h, w, Interpolation.BILINEAR, 1f, 0f);
        return apply(cl, p, channels);
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
        float scale = p.scale(), offset = p.offset();
        if (range != null) {
            switch (range.trim()) {
                case "0:1" -> { scale = 1f; offset = 0f; }
                case "-1:1" -> { scale = 2f; offset = -1f; }
                default -> throw Common.usage(cl, "--range: expected 0:1 or -1:1, got '" + range + "'");
            }
        }
        return new Preprocess(channels, c, h, w, m, scale, offset);
    }

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
