package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.convscope.engine.EngineConfig.Switch;
import org.convscope.engine.EngineConfig.Vector;
import org.convscope.engine.EngineConfig.WinogradTile;
import org.convscope.internal.engine.Engine;
import org.convscope.internal.gemm.Gemms;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    @Test
    void everySettingIsReadInOneVocabulary() {
        EngineConfig c = EngineConfig.fromMap(Map.ofEntries(
                Map.entry("convscope.vector", "OFF"), Map.entry("convscope.threads", "3"),
                Map.entry("convscope.spinMicros", "0"), Map.entry("convscope.winograd", "on"),
                Map.entry("convscope.winograd.tile", "4"), Map.entry("convscope.direct", "off"),
                Map.entry("convscope.l2KiB", "512"), Map.entry("convscope.fuse", "off"),
                Map.entry("convscope.arena", "off"), Map.entry("convscope.arena.maxMiB", "64"),
                Map.entry("convscope.arena.poison", "on"), Map.entry("convscope.batchSplit", "off"),
                Map.entry("convscope.fixtures", "/not/an/engine/setting")));
        assertEquals(Vector.OFF, c.vector());
        assertEquals(3, c.threads());
        assertEquals(0, c.spinMicros());
        assertEquals(Switch.ON, c.winograd());
        assertEquals(WinogradTile.F4, c.winogradTile());
        assertEquals(Switch.OFF, c.direct());
        assertEquals(512, c.l2KiB());
        assertFalse(c.fuse());
        assertFalse(c.arena());
        assertEquals(64, c.arenaMaxMiB());
        assertTrue(c.arenaPoison());
        assertEquals(Switch.OFF, c.batchSplit());
        assertEquals("vector=off threads=3 spinMicros=0 winograd=on winograd.tile=4 direct=off l2KiB=512 fuse=off arena=off "
                + "arena.maxMiB=64 arena.poison=on batchSplit=off", c.describe());
        assertEquals(c, EngineConfig.fromMap(Map.of()).withVector(Vector.OFF).withThreads(3).withSpinMicros(0)
                .withWinograd(Switch.ON).withWinogradTile(WinogradTile.F4).withDirect(Switch.OFF).withL2KiB(512)
                .withFuse(false).withArena(false).withArenaMaxMiB(64).withArenaPoison(true).withBatchSplit(Switch.OFF));
        assertEquals(EngineConfig.defaults(), EngineConfig.fromProperties(new Properties()));
    }

    @Test
    void aBadValueNamesThePropertyAndTheAcceptedValues() {
        String[][] cases = {
            {"convscope.vector", "1024", "-Dconvscope.vector=1024: expected auto, off, 256 or 512"},
            {"convscope.threads", "0", "-Dconvscope.threads=0: expected auto or a whole number >= 1"},
            {"convscope.threads", "-2", "-Dconvscope.threads=-2: expected auto or a whole number >= 1"},
            {"convscope.winograd", "always", "-Dconvscope.winograd=always: expected auto, on or off"},
            {"convscope.winograd.tile", "3", "-Dconvscope.winograd.tile=3: expected auto, 2 or 4"},
            {"convscope.fuse", "true", "-Dconvscope.fuse=true: expected on or off"},
            {"convscope.l2KiB", "99999999999", "-Dconvscope.l2KiB=99999999999: expected auto or a whole number of KiB >= 1"},
            {"convscope.batchSplit", "", "-Dconvscope.batchSplit=: expected auto, on or off"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineConfig.fromMap(Map.of(c[0], c[1])));
            assertEquals(c[2], e.getMessage());
        }
        String longValue = "x".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.fromMap(Map.of("convscope.vector", longValue)));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }

    @Test
    void aBoundConfigurationAppliesToTheCallOnlyAndNestsAndRestores() throws Exception {
        EngineConfig global = EngineConfig.global();
        EngineConfig scalar = global.withVector(Vector.OFF).withThreads(1);
        boolean hostVector = Gemms.usesVectorApi();
        assertEquals(Engine.global().vector(), hostVector);
        scalar.run(() -> {
            assertFalse(Gemms.usesVectorApi(), "vector=off: scalar loops everywhere");
            assertEquals(1, Gemms.defaultGemm().threads());
            global.withFuse(false).run(() -> assertEquals(hostVector, Gemms.usesVectorApi(), "an inner binding wins"));
            assertFalse(Gemms.usesVectorApi(), "the outer binding is back");
        });
        assertEquals(hostVector, Gemms.usesVectorApi(), "after the call: the process's configuration");
        assertEquals(7, (int) scalar.call(() -> 7));
    }

    @Test
    void aConfigurationCannotAskForAnotherVectorWidthThanTheProcess() {
        int bits = Engine.processBits();
        Vector other = bits == 512 ? Vector.BITS_256 : Vector.BITS_512;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.global().withVector(other).run(() -> { }));
        assertTrue(e.getMessage().contains("-Dconvscope.vector") && e.getMessage().contains("vector=off"), e.getMessage());
        assertNotEquals(null, Engine.of(EngineConfig.global().withVector(Vector.OFF)));
    }
}
