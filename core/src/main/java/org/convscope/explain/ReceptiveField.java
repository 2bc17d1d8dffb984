package org.convscope.explain;

/**
 * How much of the input image one output cell of a layer can see, and how far apart its
 * neighbours look.
 *
 * <p>For a chain of windows with dilated extents {@code kd_i} and strides {@code s_i}:
 * <pre>
 *   jump_0 = 1,  size_0 = 1                      (a cell of the input sees itself)
 *   jump_i = jump_(i−1) · s_i                    (the product of the strides so far)
 *   size_i = size_(i−1) + (kd_i − 1) · jump_(i−1)
 * </pre>
 * Example: three 3x3 stride-1 convolutions see 1 + 2 + 2 + 2 = 7x7 input cells. In a graph with
 * branches (residual connections, concatenations) the sizes come from the union of what every path
 * sees, i.e. the largest path; {@link ReceptiveFields} computes them by projecting an output cell
 * back through the graph.
 *
 * @param height rows of the input one output cell sees (ignoring the image border)
 * @param width  columns of the input one output cell sees
 * @param jumpH  input rows between two vertically adjacent output cells (product of strides)
 * @param jumpW  input columns between two horizontally adjacent output cells
 * @param global true when the layer's output has no spatial axes left (it sees the whole input);
 *               then the other fields are 0 / NaN
 */
public record ReceptiveField(long height, long width, double jumpH, double jumpW, boolean global) {
    /** {@return the size as text, "7x7" (height x width), or "all" for a global layer} */
    public String sizeText() { return global ? "all" : height + "x" + width; }

    /**
     * {@return the jump as text: "4", "2x1" (vertical x horizontal when they differ), "1/2" after
     * upsampling, or "-" for a global layer}
     */
    public String jumpText() {
        if (global) return "-";
        return jumpH == jumpW ? number(jumpH) : number(jumpH) + "x" + number(jumpW);
    }

    private static String number(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        double inv = 1 / v;
        if (Math.abs(inv - Math.rint(inv)) < 1e-9) return "1/" + (long) Math.rint(inv);
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
