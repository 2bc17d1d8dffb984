package org.convscope.reference;

import org.convscope.geometry.Padding;

/**
 * The sliding-window arithmetic of the reference ops along one axis (TensorFlow/Keras rules).
 * Kept separate from {@code org.convscope.geometry.ConvGeometry} on purpose: see the package comment.
 */
final class Window {
    private Window() {}

    /** Cells spanned by a kernel of {@code k} taps spaced {@code d} apart: {@code (k − 1)·d + 1}. */
    static int dilated(int k, int d) { return (k - 1) * d + 1; }

    /**
     * Output length of a convolution:
     * valid: {@code floor((in − kd) / s) + 1}; same: {@code ceil(in / s)}. May be &lt;= 0 (empty).
     */
    static int convOut(int in, int k, int s, int d, Padding padding) {
        int kd = dilated(k, d);
        if (padding == Padding.SAME) return (in + s - 1) / s;
        return in < kd ? 0 : (in - kd) / s + 1;
    }

    /**
     * Padding before the first cell (top or left). Same padding adds
     * {@code total = max((out − 1)·s + kd − in, 0)} cells, {@code floor(total / 2)} before and the rest
     * (one more when total is odd) after: TensorFlow's split.
     */
    static int padBefore(int in, int out, int k, int s, int d, Padding padding) {
        if (padding == Padding.VALID) return 0;
        int total = Math.max((out - 1) * s + dilated(k, d) - in, 0);
        return total / 2;
    }

    /**
     * Output length of a transposed convolution, Keras's {@code deconv_output_length}:
     * without output padding, valid: {@code in·s + max(kd − s, 0)}, same: {@code in·s};
     * with output padding {@code op}: {@code (in − 1)·s + kd − 2·pad + op}, pad = 0 (valid) or
     * {@code floor(kd / 2)} (same).
     */
    static int transposeOut(int in, int k, int s, int d, Padding padding, Integer outputPadding) {
        int kd = dilated(k, d);
        if (outputPadding == null) return padding == Padding.VALID ? in * s + Math.max(kd - s, 0) : in * s;
        int pad = padding == Padding.VALID ? 0 : kd / 2;
        return (in - 1) * s + kd - 2 * pad + outputPadding;
    }
}
