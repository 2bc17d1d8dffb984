package org.convscope.internal.conv;

/**
 * A layer's kernel path and the micro-kernel (or vector shape) it runs, as {@link ConvPlanner}
 * chose them.
 *
 * @param path the path
 * @param kernel the micro-kernel {@code MRxNR}, the vector lanes, or the parts of a two-step path
 */
public record ConvPlan(ConvPath path, String kernel) {
    /** {@return for example {@code winograd F(4x4,3x3) 12x32} or {@code im2col 6x16}} */
    public String describe() { return kernel.isEmpty() ? path.label() : path.label() + " " + kernel; }
}
