package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing fixtures folder fails the fixture tests unless they are explicitly made optional. */
class FixturesLocatorTest {
    @TempDir Path dir;

    /** Runs {@code r} with the two properties set as given (null: cleared), then restores them. */
    private static void with(String folder, String optional, Runnable r) {
        String oldFolder = System.getProperty("convscope.fixtures"), oldOptional = System.getProperty("convscope.fixtures.optional");
        set("convscope.fixtures", folder);
        set("convscope.fixtures.optional", optional);
        try {
            r.run();
        } finally {
            set("convscope.fixtures", oldFolder);
            set("convscope.fixtures.optional", oldOptional);
        }
    }

    private static void set(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test
    void aMissingFolderFailsNamingIt() {
        Path missing = dir.resolve("no-fixtures-here");
        with(missing.toString(), null, () -> {
            AssertionFailedError e = assertThrows(AssertionFailedError.class, Fixtures::root);
            assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("convscope.fixtures.optional"), e.getMessage());
        });
        with(missing.toString(), "true", () -> {
            TestAbortedException e = assertThrows(TestAbortedException.class, Fixtures::root);
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        });
        with(null, null, () -> assertThrows(TestAbortedException.class, Fixtures::root));
        with(dir.toString(), null, () -> assertEquals(dir, Fixtures.root()));
    }
}
