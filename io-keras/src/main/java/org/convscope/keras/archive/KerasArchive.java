package org.convscope.keras.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.convscope.keras.CorruptFileException;
import org.convscope.keras.KerasLoadException;

/**
 * A Keras 3 {@code .keras} file: a zip holding {@code config.json}, {@code metadata.json} and
 * {@code model.weights.h5}. It is read entirely in memory and never extracted: only the entries
 * convscope needs are kept, entry names are never used as paths, every entry name must be unique,
 * and sizes are capped twice: the size an entry declares is checked before inflating it, and the
 * bytes actually inflated are counted while reading (so a zip bomb stops at the cap, whatever its
 * headers claim).
 */
public final class KerasArchive {
    /** The entries convscope reads. */
    public static final String CONFIG = "config.json";
    public static final String METADATA = "metadata.json";
    public static final String WEIGHTS = "model.weights.h5";

    private static final long MAX_JSON = 64L << 20;                  // 64 MiB of JSON is already absurd
    private static final long MAX_WEIGHTS = Integer.MAX_VALUE - 64;  // a Java array's limit
    private static final int MAX_ENTRIES = 10_000;

    private final String fileName;
    private final Map<String, byte[]> entries;

    private KerasArchive(String fileName, Map<String, byte[]> entries) {
        this.fileName = fileName;
        this.entries = entries;
    }

    /** Reads the archive bytes; {@code fileName} is used in messages. */
    public static KerasArchive read(String fileName, byte[] zip) {
        if (!hasEndRecord(zip)) {
            throw new CorruptFileException(fileName + ": truncated or damaged zip archive (no end-of-central-directory record)");
        }
        Map<String, byte[]> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        // Inflating more than ~1100 bytes per stored byte is what a deflate bomb does; real files stay far below.
        long ratioCap = Math.max(16L << 20, (long) zip.length * 1100L);
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) throw new CorruptFileException(fileName + ": the zip holds more than " + MAX_ENTRIES + " entries");
                String name = e.getName();
                if (!seen.add(name)) {
                    throw new CorruptFileException(fileName + ": zip entry '" + name + "' appears twice; refusing an ambiguous archive");
                }
                long cap = switch (name) {
                    case CONFIG, METADATA -> MAX_JSON;
                    case WEIGHTS -> Math.min(MAX_WEIGHTS, ratioCap);
                    default -> -1;
                };
                if (cap < 0) { // an entry convscope does not need (assets/...): drained under the same cap, never kept
                    drainCapped(fileName, name, in, Math.max(16L << 20, (long) zip.length * 50L));
                    continue;
                }
                if (e.getSize() > cap || e.getSize() < -1) {
                    throw new CorruptFileException(fileName + ": zip entry '" + name + "' declares " + e.getSize()
                            + " bytes, more than the " + cap + " allowed; refusing to inflate it (zip bomb?)");
                }
                out.put(name, readCapped(fileName, name, in, cap, e.getSize()));
            }
        } catch (KerasLoadException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new CorruptFileException(fileName + ": not a readable zip archive (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")", ex);
        }
        if (count == 0) throw new CorruptFileException(fileName + ": the zip archive holds no entries (damaged or not a .keras file)");
        return new KerasArchive(fileName, out);
    }

    /** A complete zip ends with an end-of-central-directory record (PK 5 6) in its last 64 KiB + 22 bytes. */
    private static boolean hasEndRecord(byte[] z) {
        int stop = Math.max(0, z.length - 22 - 65535);
        for (int i = z.length - 22; i >= stop; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 5 && z[i + 3] == 6) {
                int commentLength = (z[i + 20] & 0xff) | (z[i + 21] & 0xff) << 8;
                if (i + 22 + commentLength == z.length) return true;
            }
        }
        return false;
    }

    /** Reads past an entry, counting what it inflates to, so a bomb in an unused entry is refused too. */
    private static void drainCapped(String fileName, String name, InputStream in, long cap) throws IOException {
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > cap) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' inflates to more than " + cap
                        + " bytes; refusing it (zip bomb?)");
            }
        }
    }

    private static byte[] readCapped(String fileName, String name, InputStream in, long cap, long declared) throws IOException {
        if (declared >= 0) { // the usual case (STORED entries): one exact array, no copy
            byte[] exact = new byte[(int) declared];
            int got = in.readNBytes(exact, 0, exact.length);
            if (got != declared || in.read() != -1) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' declares " + declared
                        + " bytes but holds " + (got < declared ? got : "more"));
            }
            return exact;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > cap) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' inflates to more than " + cap
                        + " bytes; refusing it (zip bomb?)");
            }
            buf.write(chunk, 0, n);
        }
        if (declared >= 0 && total != declared) {
            throw new CorruptFileException(fileName + ": zip entry '" + name + "' declares " + declared + " bytes but holds " + total);
        }
        return buf.toByteArray();
    }

    /** True when the archive has that entry. */
    public boolean has(String entry) { return entries.containsKey(entry); }

    /** The bytes of a needed entry; an error names the archive and the entry. */
    public byte[] entry(String entry) {
        byte[] b = entries.get(entry);
        if (b == null) {
            throw new CorruptFileException(fileName + ": the .keras archive has no '" + entry + "' entry (entries read: "
                    + entries.keySet() + ")");
        }
        return b;
    }

    /** A needed entry as UTF-8 text. */
    public String text(String entry) {
        return new String(entry(entry), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** "x.keras!model.weights.h5", for messages about an entry. */
    public String entryName(String entry) { return fileName + "!" + entry; }
}
