package org.convscope.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the shared fixtures are (the surefire property {@code convscope.fixtures}). */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        String p = System.getProperty("convscope.fixtures");
        Assumptions.assumeTrue(p != null, "system property convscope.fixtures is not set");
        Path root = Path.of(p);
        Assumptions.assumeTrue(Files.isDirectory(root), "fixtures folder missing: " + root);
        return root;
    }

    static Path file(String relative) {
        Path f = root().resolve(relative);
        if (!Files.exists(f)) throw new IllegalStateException("fixture missing: " + f);
        return f;
    }
}
