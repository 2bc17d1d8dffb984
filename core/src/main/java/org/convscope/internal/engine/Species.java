package org.convscope.internal.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species of every width-generic vector loop (depthwise, Winograd's transforms,
 * pooling): the process's vector width ({@link Engine#processBits()}), so that
 * {@code -Dconvscope.vector=256} means 256-bit vectors in all of them, as in the GEMM. A
 * {@code static final} constant, as the JIT needs; loaded only by vector code, which runs only when
 * the engine's width is not 0.
 */
public final class Species {
    /** The float species of the process's vector width. */
    public static final VectorSpecies<Float> FLOAT = Engine.processBits() >= 512 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;

    private Species() {}
}
