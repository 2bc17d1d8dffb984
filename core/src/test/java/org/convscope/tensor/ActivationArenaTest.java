package org.convscope.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The arena's own rules: what it recycles, what it never touches, where it is visible. */
class ActivationArenaTest {
    @Test
    void outsideAnArenaEveryArrayIsNewAndZero() {
        assertNull(ActivationArena.current());
        float[] a = ActivationArena.floats(16);
        float[] b = ActivationArena.floats(16);
        assertNotSame(a, b);
        for (float v : a) assertEquals(0f, v);
        ActivationArena.giveBack(a);                       // no arena: nothing happens
        assertNotSame(a, ActivationArena.floats(16));
    }

    @Test
    void recyclesOnlyWhatItIssuedAndPoisonsIt() throws Exception {
        ActivationArena arena = ActivationArena.poisoning();
        arena.run(() -> {
            assertSame(arena, ActivationArena.current());
            float[] a = ActivationArena.floats(8);
            a[3] = 42f;
            assertTrue(arena.issued(a));
            arena.recycle(a);
            assertFalse(arena.issued(a));
            float[] b = ActivationArena.floats(8);
            assertSame(a, b, "same size: reused");
            for (float v : b) assertTrue(Float.isNaN(v), "a recycled array is poisoned before reuse");
            float[] c = ActivationArena.floats(9);
            assertNotSame(a, c, "another size is never handed out for it");
            // a foreign array (an input, a weight) is never put on a free list
            float[] foreign = new float[8];
            arena.recycle(foreign);
            assertNotSame(foreign, ActivationArena.floats(8));
            // zeros() really is zero even when recycled
            arena.recycle(c);
            Tensor z = ActivationArena.zeros(3, 3);
            assertSame(c, z.data());
            for (float v : z.data()) assertEquals(0f, v);
            return null;
        });
        assertNull(ActivationArena.current(), "bound only inside run");
        assertEquals(2, arena.reusedCount());
    }

    @Test
    void endCallHandsTheUnreturnedArraysOverForGood() throws Exception {
        ActivationArena arena = new ActivationArena();
        float[] kept = arena.run(() -> ActivationArena.floats(32));
        arena.endCall();
        assertFalse(arena.issued(kept));
        arena.recycle(kept);                               // no longer the arena's: ignored
        float[] next = arena.run(() -> ActivationArena.floats(32));
        assertNotSame(kept, next, "a tensor handed to a caller is never handed out again");
    }

    @Test
    void otherThreadsDoNotSeeTheArena() throws Exception {
        ActivationArena arena = new ActivationArena();
        AtomicReference<ActivationArena> seen = new AtomicReference<>(arena);
        arena.run(() -> {
            Thread t = new Thread(() -> seen.set(ActivationArena.current()));
            t.start();
            t.join();
            return null;
        });
        assertNull(seen.get(), "a worker thread allocates outside the caller's arena");
    }

    @Test
    void theBudgetBoundsWhatStaysOnTheFreeLists() throws Exception {
        org.convscope.engine.EngineConfig.global().withArenaMaxMiB(1).call(() -> {
            ActivationArena arena = new ActivationArena();
            arena.run(() -> {
                float[] big = ActivationArena.floats(300_000);    // 1.2 MB > 1 MiB
                arena.recycle(big);
                assertEquals(0, arena.freeBytes());
                float[] small = ActivationArena.floats(1000);
                arena.recycle(small);
                assertEquals(4000, arena.freeBytes());
                return null;
            });
            return null;
        });
    }
}
