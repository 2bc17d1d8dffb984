package org.convscope.layers;

import static org.convscope.internal.conv.TestTensors.assertExact;

import org.convscope.geometry.Padding;
import org.convscope.internal.conv.TestTensors;
import org.convscope.reference.ReferenceConv2D;
import org.convscope.reference.ReferenceConv2DTranspose;
import org.convscope.reference.ReferenceDepthwiseConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Arange inputs and ones kernels give exact integers, worked out by hand below. Each case checks
 * the fast layer and the reference op, so the oracle itself is pinned to hand-computed numbers.
 *
 * <p>The 4x4 arange image used throughout:
 * <pre>
 *    0  1  2  3
 *    4  5  6  7
 *    8  9 10 11
 *   12 13 14 15
 * </pre>
 */
class ConvLayersHandComputedTest {
    private static final int[] S1 = {1, 1}, S2 = {2, 2}, D1 = {1, 1}, D2 = {2, 2};
    private static final Tensor IMAGE = Tensor.arange(1, 4, 4, 1);

    private static Tensor ones(int... shape) { return Tensor.full(1f, shape); }

    private static void conv(String what, float[] expected, int[] shape, Tensor x, Tensor kernel, Tensor bias,
                             int[] strides, Padding padding, int[] dilation, int groups) {
        Conv2D layer = new Conv2D("c", kernel, bias, strides, padding, dilation, groups, null);
        assertExact(what + " (Conv2D)", expected, layer.forward(x), shape);
        assertExact(what + " (reference)", expected,
                ReferenceConv2D.conv2d(x, kernel, bias, strides, padding, dilation, groups), shape);
    }

    @Test
    void valid3x3() {
        // window sums: rows 0-2 × cols 0-2 = 0+1+2+4+5+6+8+9+10 = 45, shifted right +9 (one column, three rows),
        // shifted down +36 (one row = +4 on each of nine cells)
        conv("valid 3x3", new float[] {45, 54, 81, 90}, new int[] {1, 2, 2, 1}, IMAGE, ones(3, 3, 1, 1), null,
                S1, Padding.VALID, D1, 1);
    }

    @Test
    void same2x2PadsBottomRight() {
        // 2x2 same: total padding 1 per axis → 0 on top/left, 1 on bottom/right (TF's split), so
        // out[y][x] = in[y][x] + in[y][x+1] + in[y+1][x] + in[y+1][x+1] with zeros past the edge.
        // row 0: 0+1+4+5=10, 1+2+5+6=14, 2+3+6+7=18, 3+7=10
        // row 1: 4+5+8+9=26, 30, 34, 7+11=18
        // row 2: 8+9+12+13=42, 46, 50, 11+15=26
        // row 3: 12+13=25, 13+14=27, 14+15=29, 15
        // (padding on top/left instead would give 0 at out[0][0]: this checks the split.)
        conv("same 2x2", new float[] {10, 14, 18, 10, 26, 30, 34, 18, 42, 46, 50, 26, 25, 27, 29, 15},
                new int[] {1, 4, 4, 1}, IMAGE, ones(2, 2, 1, 1), null, S1, Padding.SAME, D1, 1);
    }

    @Test
    void same3x3Stride2() {
        // out = ceil(4/2) = 2; total = max((2−1)·2 + 3 − 4, 0) = 1 → 0 top, 1 bottom (same for columns)
        // out[0][0] = rows 0-2, cols 0-2 = 45
        // out[0][1] = rows 0-2, cols 2-3 (col 4 is padding) = 2+3+6+7+10+11 = 39
        // out[1][0] = rows 2-3, cols 0-2 = 8+9+10+12+13+14 = 66
        // out[1][1] = rows 2-3, cols 2-3 = 10+11+14+15 = 50
        conv("same 3x3 stride 2", new float[] {45, 39, 66, 50}, new int[] {1, 2, 2, 1}, IMAGE, ones(3, 3, 1, 1), null,
                S2, Padding.SAME, D1, 1);
    }

    @Test
    void valid2x2Dilation2() {
        // taps at (0,0), (0,2), (2,0), (2,2) relative to the window corner; dilated extent 3 → 2x2 outputs
        // out[0][0] = 0+2+8+10 = 20, out[0][1] = 1+3+9+11 = 24, out[1][0] = 4+6+12+14 = 36, out[1][1] = 40
        conv("valid 2x2 dilation 2", new float[] {20, 24, 36, 40}, new int[] {1, 2, 2, 1}, IMAGE, ones(2, 2, 1, 1), null,
                S1, Padding.VALID, D2, 1);
    }

    @Test
    void rectangularKernelAndBias() {
        // 1x3 kernel of ones, valid, bias 0.5: row sums of 3 neighbours
        // row 0: 0+1+2=3, 1+2+3=6; row 1: 15, 18; row 2: 27, 30; row 3: 39, 42; all + 0.5
        conv("valid 1x3 + bias", new float[] {3.5f, 6.5f, 15.5f, 18.5f, 27.5f, 30.5f, 39.5f, 42.5f},
                new int[] {1, 4, 2, 1}, IMAGE, ones(1, 3, 1, 1), Tensor.of(new float[] {0.5f}, 1), S1, Padding.VALID, D1, 1);
    }

    @Test
    void groups2() {
        // input 1x2x2x4 arange: pixels [0,1,2,3], [4,5,6,7], [8,9,10,11], [12,13,14,15].
        // groups 2, kernel (2,2,2,2) of ones: output channel 0 belongs to group 0 and sums channels 0,1
        // over the 4 pixels: (0+1)+(4+5)+(8+9)+(12+13) = 52; channel 1 (group 1) sums channels 2,3:
        // (2+3)+(6+7)+(10+11)+(14+15) = 68.  (Without groups both would be 120.)
        conv("valid 2x2 groups 2", new float[] {52, 68}, new int[] {1, 1, 1, 2}, Tensor.arange(1, 2, 2, 4),
                ones(2, 2, 2, 2), null, S1, Padding.VALID, D1, 2);
    }

    @Test
    void pointwiseAndFusedRelu() {
        // 1x1 convolution (the no-im2col path) on 1x2x2x2 arange, kernel[ci][co] = [[1, 0], [1, 2]]:
        // co0 = x0 + x1, co1 = 2·x1; pixels [0,1],[2,3],[4,5],[6,7] → [1,2],[5,6],[9,10],[13,14]
        Tensor x = Tensor.arange(1, 2, 2, 2);
        Tensor k = Tensor.of(new float[] {1, 0, 1, 2}, 1, 1, 2, 2);
        conv("1x1", new float[] {1, 2, 5, 6, 9, 10, 13, 14}, new int[] {1, 2, 2, 2}, x, k, null, S1, Padding.VALID, D1, 1);
        // bias [-6, 0] then relu: [max(1−6,0), 2], [0, 6], [3, 10], [7, 14]
        Conv2D relu = new Conv2D("c", k, Tensor.of(new float[] {-6, 0}, 2), S1, Padding.SAME, D1, 1, TestTensors.RELU);
        assertExact("1x1 + bias + relu", new float[] {0, 2, 0, 6, 3, 10, 7, 14}, relu.forward(x), 1, 2, 2, 2);
    }

    @Test
    void depthwiseChannelOrder() {
        // input 1x3x3x2 arange: channel 0 holds 0,2,...,16 (sum 72), channel 1 holds 1,3,...,17 (sum 81).
        // kernel (3,3,2,2) with kernel[.,.,c,m] = m+1, valid → one pixel with channels c·mult+m:
        // [c0·1, c0·2, c1·1, c1·2] = [72, 144, 81, 162]
        Tensor x = Tensor.arange(1, 3, 3, 2);
        Tensor k = Tensor.zeros(3, 3, 2, 2);
        for (int i = 0; i < k.size(); i++) k.data()[i] = i % 2 + 1;
        float[] expected = {72, 144, 81, 162};
        assertExact("depthwise", expected, new DepthwiseConv2D("d", k, null, S1, Padding.VALID, D1, null).forward(x), 1, 1, 1, 4);
        assertExact("depthwise (reference)", expected,
                ReferenceDepthwiseConv2D.depthwiseConv2d(x, k, null, S1, Padding.VALID, D1), 1, 1, 1, 4);
        // same padding, stride 2 on the 3x3 image: out 2x2, total = (2−1)·2+3−3 = 2 → 1 on each side.
        // channel 0 values:  0  2  4 / 6  8 10 / 12 14 16; out[0][0] = window rows −1..1, cols −1..1
        // = 0+2+6+8 = 16; out[0][1] = cols 1..3 = 2+4+8+10 = 24; out[1][0] = 6+8+12+14 = 40; out[1][1] = 8+10+14+16 = 48
        // channel 1 = channel 0 + 1 on each in-bounds cell (4 cells each): 20, 28, 44, 52; bias [1, 2]
        Tensor k1 = ones(3, 3, 2, 1);
        float[] e2 = {17, 22, 25, 30, 41, 46, 49, 54};
        Tensor bias = Tensor.of(new float[] {1, 2}, 2);
        assertExact("depthwise same stride 2", e2,
                new DepthwiseConv2D("d", k1, bias, S2, Padding.SAME, D1, null).forward(x), 1, 2, 2, 2);
        assertExact("depthwise same stride 2 (reference)", e2,
                ReferenceDepthwiseConv2D.depthwiseConv2d(x, k1, bias, S2, Padding.SAME, D1), 1, 2, 2, 2);
    }

    @Test
    void separable() {
        // depthwise ones (3,3,2,1) on the 1x3x3x2 arange → [72, 81]; pointwise (1,1,2,2) = [[1, 1], [1, −1]]
        // → [72+81, 72−81] = [153, −9]; bias [1, 1] → [154, −8]; relu → [154, 0]
        Tensor x = Tensor.arange(1, 3, 3, 2);
        Tensor pw = Tensor.of(new float[] {1, 1, 1, -1}, 1, 1, 2, 2);
        Tensor bias = Tensor.of(new float[] {1, 1}, 2);
        SeparableConv2D lin = new SeparableConv2D("s", ones(3, 3, 2, 1), pw, bias, S1, Padding.VALID, D1, null);
        assertExact("separable", new float[] {154, -8}, lin.forward(x), 1, 1, 1, 2);
        SeparableConv2D relu = new SeparableConv2D("s", ones(3, 3, 2, 1), pw, bias, S1, Padding.VALID, D1, TestTensors.RELU);
        assertExact("separable relu", new float[] {154, 0}, relu.forward(x), 1, 1, 1, 2);
    }

    @Test
    void transposeStride2() {
        // input 2x2 arange [[0, 1], [2, 3]], kernel 3x3 ones, stride 2: each cell stamps a 3x3 block of its
        // value with its corner at (2·iy, 2·ix). valid: out = 2·2 + max(3−2, 0) = 5
        //   row 0: 0 0 1 1 1      (cell 0 on cols 0-2, cell 1 on cols 2-4; they overlap on col 2)
        //   row 1: 0 0 1 1 1
        //   row 2: 2 2 6 4 4      (all four stamps overlap at (2,2): 0+1+2+3)
        //   row 3: 2 2 5 3 3
        //   row 4: 2 2 5 3 3
        Tensor x = Tensor.arange(1, 2, 2, 1);
        Tensor k = ones(3, 3, 1, 1);
        float[] valid = {0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 2, 2, 6, 4, 4, 2, 2, 5, 3, 3, 2, 2, 5, 3, 3};
        transpose("valid", valid, new int[] {1, 5, 5, 1}, x, k, Padding.VALID, null);
        // same: out = 2·2 = 4; crop at the top/left = max((2−1)·2 + 3 − 4, 0)/2 = 0, so the first 4 rows/cols
        float[] same = {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 6, 4, 2, 2, 5, 3};
        transpose("same", same, new int[] {1, 4, 4, 1}, x, k, Padding.SAME, null);
        // same with output_padding 1: (2−1)·2 + 3 − 2·1 + 1 = 4, identical
        transpose("same op=1", same, new int[] {1, 4, 4, 1}, x, k, Padding.SAME, new int[] {1, 1});
        // valid with output_padding 1: (2−1)·2 + 3 + 1 = 6: the 5x5 above plus a row and a column nobody reaches
        float[] valid6 = {0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 2, 2, 6, 4, 4, 0, 2, 2, 5, 3, 3, 0, 2, 2, 5, 3, 3, 0, 0, 0, 0, 0, 0, 0};
        transpose("valid op=1", valid6, new int[] {1, 6, 6, 1}, x, k, Padding.VALID, new int[] {1, 1});
    }

    @Test
    void transposeChannelsAndEvenKernelSame() {
        // 1x1 input holding [1, 2] (cin 2), kernel (2,2,1,2) = k[ty][tx][0][ci] with value (ty·2+tx+1)·(ci==0 ? 1 : 10),
        // stride 2, same: out = 2, crop = max(0·2 + 2 − 2, 0)/2 = 0, so out[ty][tx] = 1·(t+1) + 2·10·(t+1) = 21·(t+1)
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 1, 1, 2);
        Tensor k = Tensor.zeros(2, 2, 1, 2);
        for (int t = 0; t < 4; t++) { k.data()[t * 2] = t + 1; k.data()[t * 2 + 1] = 10 * (t + 1); }
        transpose("even kernel same", new float[] {21, 42, 63, 84}, new int[] {1, 2, 2, 1}, x, k, Padding.SAME, null);
    }

    private static void transpose(String what, float[] expected, int[] shape, Tensor x, Tensor k, Padding p, int[] op) {
        Conv2DTranspose layer = new Conv2DTranspose("t", k, null, S2, p, D1, op, null);
        assertExact("transpose " + what, expected, layer.forward(x), shape);
        assertExact("transpose " + what + " (reference)", expected,
                ReferenceConv2DTranspose.conv2dTranspose(x, k, null, S2, p, D1, op), shape);
    }
}
