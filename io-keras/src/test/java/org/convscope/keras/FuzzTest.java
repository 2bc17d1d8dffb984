package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of small fixture files (flipped bits, overwritten bytes, large little-endian
 * numbers written over lengths and addresses, truncations, spliced duplicates): loading each must
 * either succeed or throw {@link KerasLoadException}. Anything else — another exception, an
 * OutOfMemoryError, a StackOverflowError, a hang — is a failure, reported with the case number and
 * mutation so it can be replayed.
 */
class FuzzTest {
    private static final long SEED = 20_241_125L;
    private static final int CASES_PER_FILE = 2400;
    private static final String[] FILES = {
            "keras2/conv2d_tensorflow_2.h5", "keras2/cnn_batch_norm.h5", "keras2/sepconv2d_tensorflow_2.h5",
            "keras3/zoo_act_merge.h5", "keras3/zoo_act_merge.keras"};

    @Test
    void onlyTheLoadersExceptionEverComesOut() throws Exception {
        Random rnd = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        int net = 0;
        long start = System.nanoTime();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (String f : FILES) {
                Path file = Fixtures.file(f);
                byte[] original = Files.readAllBytes(file);
                for (int c = 0; c < CASES_PER_FILE; c++) {
                    byte[] bad = original.clone();
                    String what = mutate(bad, rnd);
                    byte[] input = what.startsWith("truncate") ? java.util.Arrays.copyOf(bad, Integer.parseInt(what.substring(9).trim())) : bad;
                    Path label = file.resolveSibling(file.getFileName() + "#" + c);
                    Future<Object> result = exec.submit(() -> {
                        try {
                            ModelLoader.loadFull(label, input);
                            return "loaded";
                        } catch (KerasLoadException e) {
                            if (!e.getMessage().contains(label.toString())) return "message does not name the file: " + e.getMessage();
                            // caught only by the loader's last safety net, not by a specific check
                            return e.getMessage().contains(": cannot load the model (") ? "net:" + e.getMessage() : "refused";
                        } catch (Throwable t) { // the point of the test: anything else is a failure
                            return t;
                        }
                    });
                    Object r;
                    try {
                        r = result.get(10, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        failures.add(f + " case " + c + " (" + what + "): hangs");
                        result.cancel(true);
                        break;
                    }
                    if ("loaded".equals(r)) loaded++;
                    else if ("refused".equals(r)) refused++;
                    else if (r instanceof String m && m.startsWith("net:")) {
                        refused++;
                        if (net++ < 5) System.out.println("FUZZ safety net: " + m.substring(4, Math.min(m.length(), 300)));
                    }
                    else if (r instanceof Throwable t) {
                        failures.add(f + " case " + c + " (" + what + "): " + t);
                        if (failures.size() < 3) t.printStackTrace();
                    } else {
                        failures.add(f + " case " + c + " (" + what + "): " + r);
                    }
                }
            }
        } finally {
            exec.shutdownNow();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("FUZZ %d mutations in %.1f s: %d loaded, %d refused with KerasLoadException (%d by the last safety net), %d failures%n",
                FILES.length * CASES_PER_FILE, s, loaded, refused, net, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " mutations let something else out:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(30, failures.size()))));
    }

    /** Applies one random mutation in place and describes it. */
    private static String mutate(byte[] b, Random rnd) {
        int kind = rnd.nextInt(6);
        // Most of a Keras file's metadata sits in its first few kilobytes: aim there half the time.
        int pos = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
        switch (kind) {
            case 0 -> {
                int bit = rnd.nextInt(8);
                b[pos] ^= (byte) (1 << bit);
                return "flip bit " + bit + " at " + pos;
            }
            case 1 -> {
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n && pos + i < b.length; i++) b[pos + i] = (byte) rnd.nextInt(256);
                return "random " + n + " bytes at " + pos;
            }
            case 2 -> { // a large number over what may be a length, a dimension or an address
                long v = switch (rnd.nextInt(4)) {
                    case 0 -> 0xFFFFFFFFL;
                    case 1 -> 0x7FFFFFFFFFFFFFFFL;
                    case 2 -> 1L << (20 + rnd.nextInt(20));
                    default -> 0;
                };
                for (int i = 0; i < 8 && pos + i < b.length; i++) b[pos + i] = (byte) (v >>> (8 * i));
                return "value " + Long.toHexString(v) + " at " + pos;
            }
            case 3 -> {
                int len = rnd.nextInt(b.length);
                return "truncate " + len; // applied by the caller
            }
            case 4 -> {
                int len = 1 + rnd.nextInt(64);
                int from = rnd.nextInt(b.length);
                int n = Math.min(len, Math.min(b.length - from, b.length - pos));
                System.arraycopy(b.clone(), from, b, pos, n);
                return "copy " + n + " bytes from " + from + " to " + pos;
            }
            default -> {
                b[pos] = (byte) (rnd.nextBoolean() ? 0 : 0xFF);
                return "byte " + (b[pos] & 0xff) + " at " + pos;
            }
        }
    }
}
