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
    void amdCpuinfoGivesTheL2AndIntelsIsNotUsed() {
        assertEquals(1024, CacheL2.fromCpuinfo("processor\t: 0\nvendor_id\t: AuthenticAMD\ncache size\t: 1024 KB\n"));
        assertEquals(512, CacheL2.fromCpuinfo("vendor_id : AuthenticAMD\ncache size : 512 KB"));
        assertEquals(0, CacheL2.fromCpuinfo("vendor_id\t: GenuineIntel\ncache size\t: 107520 KB\n"), "Intel reports the L3");
        assertEquals(0, CacheL2.fromCpuinfo("vendor_id\t: AuthenticAMD\n"));
    }

    @Test
    void detectedSizeIsPlausible() {
        assertTrue((1024L * CacheL2.systemKiB()) >= 64 << 10 && (1024L * CacheL2.systemKiB()) <= 1L << 30, "L2 " + (1024L * CacheL2.systemKiB()) + " bytes");
    }
}
