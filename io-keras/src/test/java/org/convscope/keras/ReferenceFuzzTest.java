package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.convscope.keras.check.CheckOptions;
import org.convscope.keras.check.ReferenceCheck;
import org.convscope.keras.check.ReferenceData;
import org.convscope.keras.check.ReferenceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded byte mutations ({@link ByteMutator}) of the reference files {@code check} reads: reading
 * one (and, for the small models, checking the model against it) gives a report or the documented
 * errors — a {@link KerasLoadException} or an IllegalArgumentException naming the file — within a
 * time limit; never another exception or an OutOfMemoryError.
 */
class ReferenceFuzzTest {
    private static final int CASES = 500;
    private static final String[][] FILES = {
            {"keras2/conv2d_tensorflow_2.io.h5", "keras2/conv2d_tensorflow_2.h5"},
            {"keras2/cnn_batch_norm.io.h5", "keras2/cnn_batch_norm.h5"},
            {"keras3/convnet_512.io.h5", null}}; // /samples and their attributes; reading only (the model is slow)
    private static final FuzzKind[] KINDS = {FuzzKind.BIT_FLIP, FuzzKind.BYTE_RUN, FuzzKind.BLOCK_COPY, FuzzKind.TRUNCATE, FuzzKind.HUGE_FIELD};

    @TempDir Path dir;

    @Test
    void damagedReferencesGiveAReportOrTheDocumentedErrors() throws Exception {
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int read = 0;
        ExecutorService worker = FuzzRunner.daemonWorker("reference-fuzz");
        try {
            for (int f = 0; f < FILES.length; f++) {
                byte[] orig = Files.readAllBytes(Fixtures.file(FILES[f][0]));
                int[] marks = Hdf5Landmarks.of(orig);
                KerasModel model = FILES[f][1] == null ? null : KerasModel.load(Fixtures.file(FILES[f][1]));
                int cases = f == 2 ? CASES / 5 : CASES;
                for (int n = 0; n < cases; n++) {
                    SplittableRandom r = new SplittableRandom(77L ^ ((f * 100_000L + n) * 0x9E37_79B9_7F4A_7C15L));
                    FuzzKind kind = KINDS[r.nextInt(KINDS.length)];
                    ByteMutator.Result m = ByteMutator.mutate(kind, orig, marks, r);
                    Path p = Files.write(dir.resolve(n + "-" + Path.of(FILES[f][0]).getFileName()), m.bytes());
                    String name = p.getFileName().toString();
                    Future<String> result = worker.submit(() -> {
                        try {
                            ReferenceData data = ReferenceFile.read(p);
                            if (model != null) ReferenceCheck.run(model, data, CheckOptions.defaults());
                            return "read";
                        } catch (KerasLoadException | IllegalArgumentException e) {
                            return String.valueOf(e.getMessage()).contains(name) ? "refused" : "message does not name the file: " + e;
                        } catch (Throwable t) { // anything else is what this test hunts
                            return t.toString();
                        }
                    });
                    String o;
                    try {
                        o = result.get(10, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        failures.add(FILES[f][0] + " case " + n + " (" + m.description() + "): over 10 s");
                        break;
                    }
                    if (o.equals("read")) read++;
                    else if (o.equals("refused")) refused++;
                    else failures.add(FILES[f][0] + " case " + n + " (" + kind + ": " + m.description() + "): " + o);
                    Files.delete(p);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("REFERENCE FUZZ: " + read + " read, " + refused + " refused, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertTrue(refused > 100 && read > 0, read + " read, " + refused + " refused");
    }
}
