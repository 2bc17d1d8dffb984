package org.convscope.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The L2 size parsing (sysfs's "2048K" and friends) and a plausible detected value. */
class CacheL2Test {
    @Test
    void parsesSysfsSizes() {
        assertEquals(2048, CacheL2.parseKiB("2048K"));
        assertEquals(1024, CacheL2.parseKiB("1M"));
        assertEquals(1, CacheL2.parseKiB("1024"));
        assertEquals(0, CacheL2.parseKiB(""));
        assertEquals(0, CacheL2.parseKiB("K"));
        assertEquals(0, CacheL2.parseKiB("12X"));
        assertEquals(0, CacheL2.parseKiB("99999999999K"));
    }

    @Test
    void detectedSizeIsPlausible() {
        assertTrue((1024L * CacheL2.systemKiB()) >= 64 << 10 && (1024L * CacheL2.systemKiB()) <= 1L << 30, "L2 " + (1024L * CacheL2.systemKiB()) + " bytes");
    }
}
