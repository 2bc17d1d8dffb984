package org.convscope.viz.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hand-made 3x3 kernels of the classic "convolution and ReLU" lesson: each a small picture
 * of what it looks for.
 */
public final class ClassicKernels {
    private static final Map<String, float[][]> KERNELS = new LinkedHashMap<>();

    static {
        // outline / edge: the centre against its 8 neighbours; flat regions sum to 0
        KERNELS.put("edge", new float[][]{{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}});
        // blur: a 3x3 binomial (Gaussian-like) average, weights 1 2 1 / 2 4 2 / 1 2 1 over 16
        KERNELS.put("blur", new float[][]{{0.0625f, 0.125f, 0.0625f}, {0.125f, 0.25f, 0.125f}, {0.0625f, 0.125f, 0.0625f}});
        // bottom Sobel: bright below minus bright above -> horizontal edges that get brighter downwards
        KERNELS.put("bottom_sobel", new float[][]{{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
        // emboss: a diagonal derivative plus the pixel itself -> relief lit from the top left
        KERNELS.put("emboss", new float[][]{{-2, -1, 0}, {-1, 1, 1}, {0, 1, 2}});
        // sharpen: the pixel plus 4x its difference from its 4 neighbours
        KERNELS.put("sharpen", new float[][]{{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}});
    }

    private ClassicKernels() {}

    /** {@return the kernel names in the lesson's order: edge, blur, bottom_sobel, emboss, sharpen} */
    public static java.util.List<String> names() {
        return java.util.List.copyOf(KERNELS.keySet());
    }

    /**
     * {@return true when a name is a classic kernel (case-insensitive; false for null)}
     *
     * @param name a kernel name
     */
    public static boolean has(String name) {
        return name != null && KERNELS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * {@return a new copy of the named 3x3 kernel, {@code k[row][col]}}
     *
     * @param name one of {@link #names()}, case-insensitive
     * @throws IllegalArgumentException for another name (or null); the message lists the names
     */
    public static float[][] get(String name) {
        float[][] k = name == null ? null : KERNELS.get(name.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown kernel '" + name + "'; choose one of " + String.join(", ", KERNELS.keySet())
                    + ", or MODEL:LAYER for a kernel of a trained layer");
        }
        float[][] c = new float[k.length][];
        for (int i = 0; i < k.length; i++) c[i] = k[i].clone();
        return c;
    }
}
