package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared fixtures are: the folder named by the system property {@code convscope.fixtures},
 * which surefire always sets (to {@code <repo>/../shared/fixtures}). The viz tests' copy of
 * io-keras's test helper {@code Fixtures} (test classes are not shared between modules).
 *
 * <p>A set property naming a missing folder fails the test, so that a build without the fixtures
 * cannot pass while silently skipping every test that reads them. {@code -Dconvscope.fixtures.optional=true}
 * turns that failure back into a skip. Without the property (a test started outside Maven) the
 * fixture tests are skipped.
 */
public final class TestFixtures {
    /** The system property holding the fixtures folder. */
    public static final String PROPERTY = "convscope.fixtures";
    /** Set to {@code true} to skip, rather than fail, fixture tests when the folder is missing. */
    public static final String OPTIONAL = "convscope.fixtures.optional";

    private TestFixtures() {}

    /**
     * The fixtures folder; fails (or skips, see the class comment) when it is not there.
     *
     * @return the folder
     */
    public static Path root() {
        String p = System.getProperty(PROPERTY);
        Assumptions.assumeTrue(p != null, "system property " + PROPERTY + " is not set");
        Path root = Path.of(p);
        if (!Files.isDirectory(root)) {
            String why = "fixtures folder missing: " + root.toAbsolutePath().normalize() + " (system property " + PROPERTY
                    + "; the shared fixtures are expected at ../shared/fixtures next to the repository)";
            Assumptions.assumeFalse(Boolean.getBoolean(OPTIONAL), why);
            fail(why + ". Put the fixtures there, or run with -D" + OPTIONAL + "=true to skip the tests that need them.");
        }
        return root;
    }

    /**
     * A file under the fixtures folder, which must exist.
     *
     * @param relative the path relative to the folder
     * @return the file
     */
    public static Path file(String relative) {
        Path f = root().resolve(relative);
        if (!Files.exists(f)) throw new IllegalStateException("fixture missing: " + f);
        return f;
    }
}
