package org.convscope.keras;

/**
 * One seeded mutation: case {@code number} of a run with a given seed always mutates the same
 * target the same way, so a failing case is replayed from its number alone.
 *
 * @param file the mutated file (for WEIGHTS: the weights file)
 * @param architecture the architecture file of a WEIGHTS case, else null
 */
record FuzzCase(long number, FuzzTarget target, FuzzKind kind, String description, byte[] file, byte[] architecture) {
    @Override
    public String toString() {
        return "case " + number + " [" + kind + " on " + target.id() + "]: " + description;
    }
}
