package org.convscope.explain;

import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Layer;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;

/**
 * Which input cells a layer reads to make a range of output cells, along one spatial axis: the
 * building block of receptive fields.
 *
 * <p>For a sliding window (convolution or pooling) with stride {@code s}, dilated kernel extent
 * {@code kd = (k − 1)·d + 1} and padding before {@code p} (top or left, TensorFlow's split from
 * {@link ConvGeometry}), output cell {@code o} reads input cells {@code o·s − p … o·s − p + kd − 1},
 * so output cells {@code [a, b]} read
 * <pre>
 *   [a·s − p,  b·s − p + kd − 1]
 * </pre>
 * Cells outside the image (negative, or past the end) are padding. Other layers:
 * <ul>
 *   <li>ZeroPadding2D(top): {@code [a − top, b − top]}; Cropping2D(top): {@code [a + top, b + top]};</li>
 *   <li>UpSampling2D(size): {@code [floor(a / size), floor(b / size)]} (nearest; bilinear also
 *       touches one neighbour, not counted);</li>
 *   <li>Conv2DTranspose: output {@code o} gets input {@code i} when {@code o = i·s + t·d − p}, so
 *       {@code [ceil((a + p − (kd − 1)) / s), floor((b + p) / s)]};</li>
 *   <li>a layer whose input and output are images of the same height and width (BatchNormalization,
 *       activations, merges, channel concatenation, Dense on the channel axis…): {@code [a, b]};</li>
 *   <li>anything else (Flatten, global pooling, Reshape…): every input cell — {@code null}.</li>
 * </ul>
 * {@link #jump} is how far apart, in input cells, neighbouring output cells are: the stride (or
 * {@code 1/size} for upsampling).
 */
public final class Footprint {
    private Footprint() {}

    /**
     * The window geometry of a sliding-window layer (Conv2D, DepthwiseConv2D, SeparableConv2D's
     * depthwise step, pooling) on an input of this shape, or null for other layers.
     *
     * @param layer   any layer
     * @param inShape NHWC, batch may be -1; null, another rank or an unknown height or width gives null
     * @return the window on an image of that size (batch 1), or null
     * @throws IllegalArgumentException if the layer's window does not fit the input (empty output)
     */
    public static ConvGeometry window(Layer layer, int[] inShape) {
        if (inShape == null || inShape.length != 4 || inShape[1] < 0 || inShape[2] < 0) return null;   // unknown size: no geometry
        String me = layer.kerasClass() + " '" + layer.name() + "'";
        int h = inShape[1], w = inShape[2], c = Math.max(1, inShape[3]);
        return switch (layer) {
            case Conv2D l -> ConvGeometry.of(me, 1, h, w, c, l.kernelSize()[0], l.kernelSize()[1], l.strides(), l.dilation(),
                    l.padding(), l.groups());
            case DepthwiseConv2D l -> ConvGeometry.of(me, 1, h, w, c, l.kernelSize()[0], l.kernelSize()[1], l.strides(),
                    l.dilation(), l.padding(), c);
            case SeparableConv2D l -> ConvGeometry.of(me, 1, h, w, c, l.kernelSize()[0], l.kernelSize()[1], l.strides(),
                    l.dilation(), l.padding(), c);
            case Pooling2D l -> ConvGeometry.forPooling(me, 1, h, w, c, l.pool(), l.strides(), l.padding());
            default -> null;
        };
    }

    /**
     * The input cells {@code {lo, hi}} (inclusive, may lie outside the image) that output cells
     * {@code [a, b]} of {@code layer} read along {@code axis} (rules in the class comment). For a
     * sliding window on an input of unknown size, the window is placed as 'valid' would place it:
     * the padding split is unknown, but the range's length is right.
     *
     * @param layer    the layer
     * @param inShape  its input shape, NHWC (batch and sizes may be -1)
     * @param outShape its output shape
     * @param axis     1 = height (rows), 2 = width (columns)
     * @param a        first output cell
     * @param b        last output cell, inclusive
     * @return a new {@code {lo, hi}}, or null for "the whole input"
     * @throws IllegalArgumentException if the layer's geometry is invalid for {@code inShape}
     */
    public static long[] back(Layer layer, int[] inShape, int[] outShape, int axis, long a, long b) {
        int side = axis == 1 ? 0 : 1;
        ConvGeometry g = window(layer, inShape);
        if (g != null) {
            int s = side == 0 ? g.strideH() : g.strideW();
            int p = side == 0 ? g.padTop() : g.padLeft();
            int kd = side == 0 ? g.dilatedKh() : g.dilatedKw();
            return new long[] {a * s - p, b * s - p + kd - 1};
        }
        int[] k = kernelStrideDilation(layer, side);
        if (k != null) {
            // unknown input size: the padding split is unknown, so place the window as 'valid' would;
            // the region's size (what receptive fields need) does not depend on the padding
            int kd = ConvGeometry.dilatedKernel(k[0], k[2]);
            return new long[] {a * k[1], b * k[1] + kd - 1};
        }
        switch (layer) {
            case ZeroPadding2D z -> {
                int before = z.padding()[side == 0 ? 0 : 2];
                return new long[] {a - before, b - before};
            }
            case Cropping2D c -> {
                int before = c.cropping()[side == 0 ? 0 : 2];
                return new long[] {a + before, b + before};
            }
            case UpSampling2D u -> {
                int size = u.size()[side];
                return new long[] {Math.floorDiv(a, size), Math.floorDiv(b, size)};
            }
            case Conv2DTranspose t -> {
                TransposeGeometry tg = transpose(t, inShape);
                int s = side == 0 ? tg.strideH() : tg.strideW();
                int p = side == 0 ? tg.padTop() : tg.padLeft();
                int kd = ConvGeometry.dilatedKernel(side == 0 ? tg.kh() : tg.kw(), side == 0 ? tg.dilationH() : tg.dilationW());
                return new long[] {Math.ceilDiv(a + p - (kd - 1), s), Math.floorDiv(b + p, s)};
            }
            default -> {
                if (samePlane(inShape, outShape)) return new long[] {a, b};
                return null;
            }
        }
    }

    /**
     * How many input cells apart two neighbouring output cells are along one axis.
     *
     * @param layer    the layer
     * @param inShape  its input shape, NHWC
     * @param outShape its output shape
     * @param axis     1 = height, 2 = width
     * @return the stride of a window, {@code 1/size} for UpSampling2D, {@code 1/s} for Conv2DTranspose,
     *         1 for layers that keep the plane, and NaN when the output has no such axis
     */
    public static double jump(Layer layer, int[] inShape, int[] outShape, int axis) {
        int side = axis == 1 ? 0 : 1;
        int[] k = kernelStrideDilation(layer, side);
        if (k != null) return k[1];
        return switch (layer) {
            case ZeroPadding2D z -> 1;
            case Cropping2D c -> 1;
            case UpSampling2D u -> 1.0 / u.size()[side];
            case Conv2DTranspose t -> 1.0 / t.strides()[side];
            default -> samePlane(inShape, outShape) ? 1 : Double.NaN;
        };
    }

    /** {kernel, stride, dilation} of a sliding window along one side (0 = height), or null for other layers. */
    private static int[] kernelStrideDilation(Layer layer, int side) {
        return switch (layer) {
            case Conv2D l -> new int[] {l.kernelSize()[side], l.strides()[side], l.dilation()[side]};
            case DepthwiseConv2D l -> new int[] {l.kernelSize()[side], l.strides()[side], l.dilation()[side]};
            case SeparableConv2D l -> new int[] {l.kernelSize()[side], l.strides()[side], l.dilation()[side]};
            case Pooling2D l -> new int[] {l.pool()[side], l.strides()[side], 1};
            default -> null;
        };
    }

    static TransposeGeometry transpose(Conv2DTranspose t, int[] inShape) {
        return TransposeGeometry.of(t.kerasClass() + " '" + t.name() + "'", 1, inShape[1], inShape[2], t.kernelSize()[0],
                t.kernelSize()[1], t.strides(), t.dilation(), t.padding(), t.outputPadding());
    }

    /** True when both shapes are images (rank 4) with the same height and width. */
    static boolean samePlane(int[] in, int[] out) {
        return in != null && out != null && in.length == 4 && out.length == 4 && in[1] == out[1] && in[2] == out[2];
    }
}
