package org.convscope.internal.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed unrolled kernels are exactly what {@link MicroKernelSource} writes, and every
 * {@code MicroKernel*} / {@code DirectKernel*} source in core comes from it (one generator). With
 * {@code -Dconvscope.regenerate=true} the files that differ are rewritten instead (then rerun).
 */
class MicroKernelSourceTest {
    private static Path sourceRoot() {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path root = base.resolve("src/main/java");
        return Files.isDirectory(root) ? root : base.resolve("core/src/main/java");
    }

    @Test
    void theCommittedKernelsAreTheGeneratorsOutput() throws IOException {
        Path root = sourceRoot();
        boolean regenerate = Boolean.getBoolean("convscope.regenerate");
        List<String> stale = new ArrayList<>();
        for (MicroKernelSource.Kernel k : MicroKernelSource.all()) {
            Path p = root.resolve(k.path());
            String committed = Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            if (committed.equals(k.source())) continue;
            if (regenerate) {
                Files.writeString(p, k.source(), StandardCharsets.UTF_8);
                System.out.println("MicroKernelSourceTest: regenerated " + p);
            } else {
                stale.add(k.path());
            }
        }
        assertEquals(List.of(), stale, "kernels that differ from MicroKernelSource's output (regenerate: "
                + "mvn -pl core test -Dtest=MicroKernelSourceTest -Dconvscope.regenerate=true)");
    }

    @Test
    void everyUnrolledKernelInCoreIsGenerated() throws IOException {
        Path root = sourceRoot();
        List<String> generated = MicroKernelSource.all().stream().map(MicroKernelSource.Kernel::path).toList();
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("org/convscope/internal/gemm", "org/convscope/internal/conv")) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("(MicroKernel|DirectKernel)\\d+x\\d+\\.java"))
                        .forEach(n -> found.add(pkg + "/" + n));
            }
        }
        assertTrue(found.size() >= 4, "found " + found);
        for (String f : found) assertTrue(generated.contains(f), f + " is not written by MicroKernelSource");
    }
}
