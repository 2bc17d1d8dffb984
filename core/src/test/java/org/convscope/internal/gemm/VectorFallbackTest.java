package org.convscope.internal.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Lucene-style fallback: in a JVM where {@code jdk.incubator.vector} is not in the boot layer,
 * {@link Gemms} still loads, picks the scalar GEMM, says why in one log line, and computes right;
 * {@code -Dconvscope.vector=off} does the same with the module present.
 */
class VectorFallbackTest {
    private static Result runChild(String... jvmArgs) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NoVectorModuleMain.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Result(code, out, err);
    }

    record Result(int code, String out, String err) {}

    @Test
    void withoutTheModuleTheScalarGemmIsUsedAndTheReasonLoggedOnce() throws Exception {
        Result r = runChild("-Dconvscope.threads=1");
        assertEquals(0, r.code, "child JVM failed: " + r.err);
        assertEquals("BlockedGemm 19.0 22.0 43.0 50.0 pool 5.0 -1.0 conv 288.0 288.0", r.out, "stderr: " + r.err);
        long lines = r.err.lines().filter(l -> l.contains("jdk.incubator.vector")).count();
        assertEquals(1, lines, "expected one line naming the module, stderr was:\n" + r.err);
        assertTrue(r.err.contains("scalar loops"), r.err);
    }

    @Test
    void vectorOffForcesTheScalarGemm() throws Exception {
        Result r = runChild("--add-modules", "jdk.incubator.vector", "-Dconvscope.vector=off");
        assertEquals(0, r.code, "child JVM failed: " + r.err);
        assertEquals("BlockedGemm 19.0 22.0 43.0 50.0 pool 5.0 -1.0 conv 288.0 288.0", r.out, "stderr: " + r.err);
        assertTrue(r.err.contains("scalar loops") && r.err.contains("vector=off"), r.err);
    }

    @Test
    void vector256IsUsedWhenAsked() throws Exception {
        Result r = runChild("--add-modules", "jdk.incubator.vector", "-Dconvscope.vector=256", "-Dconvscope.threads=1");
        assertEquals(0, r.code, "child JVM failed: " + r.err);
        assertEquals("VectorGemm 19.0 22.0 43.0 50.0 pool 5.0 -1.0 conv 288.0 288.0", r.out, "stderr: " + r.err);
        assertTrue(r.err.contains("256-bit"), r.err);
    }
}
