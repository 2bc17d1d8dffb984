package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of every fixture model in all three formats ({@link FuzzKind}: bytes, config
 * JSON, zip), each opened by path and from memory with a time limit. Only a
 * {@link KerasLoadException} naming the file may come out; a file that still loads must have every
 * weight of the intact file's shape and size (and a must-refuse mutation must not load at all).
 *
 * <p>System properties: {@code convscope.fuzz.cases} (default 3000), {@code convscope.fuzz.seed},
 * {@code convscope.fuzz.first} (first case number), {@code convscope.fuzz.timeout.ms} (per load,
 * default 10000), {@code convscope.fuzz.case=N} (replay case N only, printing its stack traces).
 * The table of outcomes is printed and written to {@code target/fuzz/loader-fuzz.md}. See FUZZ.md.
 */
class LoaderFuzzTest {
    static final long DEFAULT_SEED = 20_261_202L;
    private static List<FuzzTarget> targets;

    @TempDir Path dir;

    @BeforeAll
    static void readTargets() throws Exception {
        targets = FuzzTarget.all();
    }

    @Test
    void onlyTheLoadersOwnExceptionComesOutAndNoCorruptWeightIsAccepted() throws Exception {
        long seed = Long.getLong("convscope.fuzz.seed", DEFAULT_SEED);
        long first = Long.getLong("convscope.fuzz.first", 0);
        long cases = Long.getLong("convscope.fuzz.cases", 3000);
        Long replay = Long.getLong("convscope.fuzz.case");
        if (replay != null) {
            first = replay;
            cases = 1;
        }
        long limit = Long.getLong("convscope.fuzz.timeout.ms", 10_000);
        FuzzCases gen = new FuzzCases(seed, targets);
        FuzzTally tally = new FuzzTally();
        List<String> failures = new ArrayList<>();
        java.util.Map<FuzzKind, Double> seconds = new java.util.EnumMap<>(FuzzKind.class);
        long start = System.nanoTime();
        int timeouts = 0;
        try (FuzzRunner runner = new FuzzRunner(dir, limit)) {
            for (long n = first; n < first + cases && timeouts < 3; n++) {
                long t0 = System.nanoTime();
                FuzzCase c = gen.make(n);
                FuzzRunner.Attempt[] got = new FuzzRunner.Attempt[2];
                for (FuzzRunner.Mode mode : FuzzRunner.Mode.values()) {
                    FuzzRunner.Attempt a = runner.run(c, mode);
                    if (c.kind() == FuzzKind.ZIP_TRAVERSAL && FuzzRunner.evilFileExists(dir)) {
                        a = new FuzzRunner.Attempt(FuzzOutcome.FAIL_WROTE_FILE, "a file named " + ZipMutator.EVIL + " appeared", null);
                    }
                    got[mode.ordinal()] = a;
                    tally.add(c, mode, a.outcome());
                    if (a.outcome() == FuzzOutcome.FAIL_TIMEOUT) timeouts++;
                    if (a.outcome().failed()) failures.add(c + " " + mode + ": " + a.outcome().label + ": " + cut(a.detail()));
                    if (replay != null) {
                        System.out.println("FUZZ " + c + " " + mode + ": " + a.outcome().label + " " + a.detail());
                        if (a.error() != null) a.error().printStackTrace(System.out);
                    }
                }
                if (got[0].outcome() != got[1].outcome()) {
                    failures.add(c + ": by path " + got[0].outcome().label + " but in memory " + got[1].outcome().label);
                }
                seconds.merge(c.kind(), (System.nanoTime() - t0) / 1e9, Double::sum);
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        String table = tally.markdown();
        String head = String.format("seed %d, cases %d..%d, %d loads in %.1f s, heap max %d MiB%n", seed, first, first + cases - 1,
                tally.attempts(), s, Runtime.getRuntime().maxMemory() >> 20);
        StringBuilder times = new StringBuilder("seconds per kind (making the case, both loads):");
        seconds.forEach((k, v) -> times.append(String.format(" %s %.1f;", k, v)));
        head += times + "\n";
        System.out.println("FUZZ " + head + table);
        Path out = Path.of("target", "fuzz");
        Files.createDirectories(out);
        Files.writeString(out.resolve("loader-fuzz.md"), head + "\n" + table + "\n" + String.join("\n", failures) + "\n");
        assertTrue(failures.isEmpty(), failures.size() + " failures (replay one with -Dconvscope.fuzz.case=N):\n  "
                + String.join("\n  ", failures.subList(0, Math.min(40, failures.size()))));
        if (replay == null && cases >= 1000) {
            // the run really exercised the loader: both outcomes, and every kind on every format it applies to
            assertTrue(tally.count(FuzzOutcome.REFUSED) > cases / 4, "too few refusals: " + tally.count(FuzzOutcome.REFUSED));
            assertTrue(tally.count(FuzzOutcome.LOADED_SAME) + tally.count(FuzzOutcome.LOADED_OTHER_VALUES) > 0, "nothing loaded");
            int pairs = 0;
            for (FuzzFormat f : FuzzFormat.values()) {
                FuzzTarget t = targets.stream().filter(x -> x.format() == f && x.functional()).findFirst().orElseThrow();
                pairs += FuzzKind.applicable(t).size();
            }
            assertEquals(pairs, tally.pairs(), "every mutation kind ran on every format it applies to");
        }
    }

    @Test
    void aCaseIsTheSameWhateverRanBeforeIt() throws Exception {
        FuzzCases a = new FuzzCases(DEFAULT_SEED, targets);
        FuzzCases b = new FuzzCases(DEFAULT_SEED, targets);
        for (long n : new long[] {0, 7, 1234, 19_999}) {
            FuzzCase x = a.make(n);
            a.make(n + 1);
            FuzzCase y = b.make(n);
            assertEquals(x.toString(), y.toString());
            assertArrayEquals(x.file(), y.file());
        }
    }

    private static String cut(String s) { return s.length() > 300 ? s.substring(0, 300) + "..." : s; }
}
