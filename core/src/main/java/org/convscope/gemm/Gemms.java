package org.convscope.gemm;

/**
 * Chooses the engine's GEMM once. The fast Vector API implementation arrives with the fast-GEMM
 * work; until then, and whenever {@code jdk.incubator.vector} is not readable, this is the
 * scalar {@link BlockedGemm}.
 */
public final class Gemms {
    private static final Gemm DEFAULT = new BlockedGemm();

    private Gemms() {}

    /** The GEMM the engine uses. */
    public static Gemm defaultGemm() { return DEFAULT; }
}
