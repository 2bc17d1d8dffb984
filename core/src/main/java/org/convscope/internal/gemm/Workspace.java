package org.convscope.internal.gemm;

/**
 * One thread's packing buffers, kept between GEMM calls so that a warm GEMM allocates nothing:
 * the packed block of A (MC×KC), the packed B (a KC×NC panel, or all of B when it is small; only
 * the calling thread's is used, and shared read-only with the helpers), the padded copy of a fused
 * bias (likewise), and the scratch tile for edge tiles. Buffers only grow.
 */
final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] tile = new float[0];
    private float[] bias = new float[0];

    private Workspace() {}

    /** The calling thread's workspace. */
    static Workspace get() { return CURRENT.get(); }

    float[] a(int size) {
        if (a.length < size) a = new float[size];
        return a;
    }

    float[] b(int size) {
        if (b.length < size) b = new float[size];
        return b;
    }

    /** The calling thread's copy of a fused bias, padded to whole panels. */
    float[] bias(int size) {
        if (bias.length < size) bias = new float[size];
        return bias;
    }

    float[] tile(int size) {
        if (tile.length < size) tile = new float[size];
        return tile;
    }
}
