package org.convscope.internal.engine;

import jdk.incubator.vector.FloatVector;

/** Asks the Vector API for the platform's preferred width; loaded only once the module is known readable. */
final class VectorProbe {
    private VectorProbe() {}

    static int preferredBits() { return FloatVector.SPECIES_PREFERRED.vectorBitSize(); }
}
