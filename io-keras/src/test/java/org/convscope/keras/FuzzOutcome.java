package org.convscope.keras;

/** What loading one mutated file did. The {@code FAIL_} outcomes fail the suite. */
enum FuzzOutcome {
    /** A {@link KerasLoadException} from a specific check, naming the file. */
    REFUSED("refused"),
    /** A {@link KerasLoadException} from the loader's last safety net (an unforeseen path; reported). */
    REFUSED_BY_NET("refused (net)"),
    /** Loaded, every weight equal to the intact file's, same summary. */
    LOADED_SAME("loaded, same"),
    /** Loaded with the same weight shapes but other values (corrupt data bytes: undetectable without checksums). */
    LOADED_OTHER_VALUES("loaded, other values"),
    /** Loaded with the same weights but another architecture (an edit Keras would also accept). */
    LOADED_OTHER_MODEL("loaded, other model"),
    FAIL_SHAPE("FAIL: weight shape/size changed"),
    FAIL_ACCEPTED("FAIL: must-refuse loaded"),
    FAIL_WRONG_TYPE("FAIL: wrong exception subtype"),
    FAIL_EXCEPTION("FAIL: other exception"),
    FAIL_VM_ERROR("FAIL: OutOfMemory/StackOverflow"),
    FAIL_TIMEOUT("FAIL: over time limit"),
    FAIL_MESSAGE("FAIL: message does not name the file"),
    FAIL_WROTE_FILE("FAIL: file written");

    final String label;

    FuzzOutcome(String label) { this.label = label; }

    boolean failed() { return name().startsWith("FAIL_"); }
}
