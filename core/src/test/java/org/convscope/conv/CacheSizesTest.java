package org.convscope.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The L2 size parsing (sysfs's "2048K" and friends) and a plausible detected value. */
class CacheSizesTest {
    @Test
    void parsesSysfsSizes() {
        assertEquals(2048, CacheSizes.parseKiB("2048K"));
        assertEquals(1024, CacheSizes.parseKiB("1M"));
        assertEquals(1, CacheSizes.parseKiB("1024"));
        assertEquals(0, CacheSizes.parseKiB(""));
        assertEquals(0, CacheSizes.parseKiB("K"));
        assertEquals(0, CacheSizes.parseKiB("12X"));
        assertEquals(0, CacheSizes.parseKiB("99999999999K"));
    }

    @Test
    void detectedSizeIsPlausible() {
        assertTrue(CacheSizes.L2_BYTES >= 64 << 10 && CacheSizes.L2_BYTES <= 1L << 30, "L2 " + CacheSizes.L2_BYTES + " bytes");
    }
}
