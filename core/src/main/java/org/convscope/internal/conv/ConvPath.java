package org.convscope.internal.conv;

/** The kernel paths a convolution layer can take ({@link ConvPlanner} chooses one). */
public enum ConvPath {
    /** Winograd F(4x4, 3x3): 16 GEMMs over 6×6 input tiles. */
    WINOGRAD_F4("winograd F(4x4,3x3)"),
    /** Winograd F(2x2, 3x3): 16 GEMMs over 4×4 input tiles. */
    WINOGRAD_F2("winograd F(2x2,3x3)"),
    /** The direct short-reduction kernel: rows read once into a buffer, no packing. */
    DIRECT("direct"),
    /** A 1×1, stride-1 convolution: the input is the GEMM's A as it is. */
    POINTWISE("pointwise"),
    /** Implicit GEMM: patches packed straight from the input. */
    IM2COL("im2col"),
    /** Implicit GEMM per channel group. */
    GROUPED("grouped im2col"),
    /** Depthwise, 3-wide rows computed 4 pixels at a time on vectors. */
    DEPTHWISE_ROW3("depthwise 3-wide rows"),
    /** Depthwise on vectors, channels innermost, 4 output pixels at a time (any kernel width). */
    DEPTHWISE_VECTOR("depthwise vector rows"),
    /** Depthwise in scalar loops (depth multiplier &gt; 1, or no vectors). */
    DEPTHWISE_SCALAR("depthwise scalar"),
    /** Separable: the depthwise output computed inside the pointwise GEMM's packing. */
    SEPARABLE_FUSED("separable fused depthwise→pointwise"),
    /** Separable: depthwise, then the pointwise convolution. */
    SEPARABLE_TWO_STEP("separable in two steps:"),
    /** Transposed convolution: GEMM, then col2im. */
    TRANSPOSE("transpose GEMM + col2im");

    private final String label;

    ConvPath(String label) { this.label = label; }

    /** {@return the path's name as explain and the report print it} */
    public String label() { return label; }
}
