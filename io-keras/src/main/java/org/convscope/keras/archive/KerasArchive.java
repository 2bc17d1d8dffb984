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
import org.convscope.keras.limits.LoadLimits;
import org.convscope.keras.limits.Quote;

/**
 * A Keras 3 {@code .keras} file: a zip holding {@code config.json}, {@code metadata.json} and
 * {@code model.weights.h5}. It is read entirely in memory and never extracted: only the entries
 * convscope needs are kept, entry names are never used as paths, every entry name must be unique,
 * and sizes are capped twice: the size an entry declares is checked before inflating it (a
 * stored entry cannot be larger than the archive), and the bytes actually inflated are counted while
 * reading, per entry, for the whole archive (at most {@value #MAX_RATIO} times its size, at least 64
 * MiB) and per compressed byte ({@value #MAX_RATIO} to 1), so a zip bomb stops early whatever its
 * headers claim. At most 10,000 entries are read. The central directory is read first and checked
 * against the local headers ({@link CentralDirectory}): an archive whose two lists of entries
 * disagree (names, offsets, methods, sizes, CRC-32) is refused, so convscope reads what Keras reads.
 * {@code config.json} and {@code metadata.json} may not exceed the config budget
 * ({@link LoadLimits#configBudget()}). Nothing is ever written to the disk.
 */
public final class KerasArchive {
    /** The entries convscope reads. */
    public static final String CONFIG = "config.json";
    public static final String METADATA = "metadata.json";
    public static final String WEIGHTS = "model.weights.h5";

    private static final long MAX_WEIGHTS = Integer.MAX_VALUE - 64;  // a Java array's limit
    private static final int MAX_ENTRIES = 10_000;
    /** Inflated bytes per compressed byte an entry (and the whole archive) may reach; deflate bombs reach ~1000. */
    public static final long MAX_RATIO = 100;
    /** Below this an entry is never called a bomb (tiny JSON compresses well). */
    private static final long MIN_ENTRY = 1L << 20;
    /** The whole archive may always inflate to this much. */
    private static final long MIN_CAP = 64L << 20;

    private final String fileName;
    private final Map<String, byte[]> entries;

    private KerasArchive(String fileName, Map<String, byte[]> entries) {
        this.fileName = fileName;
        this.entries = entries;
    }

    /** Reads the archive bytes; {@code fileName} is used in messages. */
    public static KerasArchive read(String fileName, byte[] zip) {
        int eocd = endRecord(zip);
        if (eocd < 0) {
            throw new CorruptFileException(fileName + ": truncated or damaged zip archive (no end-of-central-directory record)");
        }
        CentralDirectory cd = CentralDirectory.read(fileName, zip, eocd, MAX_ENTRIES);
        for (String json : new String[] {CONFIG, METADATA}) { // before inflating a byte of them
            long size = cd.declaredSize(json);
            if (size >= 0) LoadLimits.checkConfig(fileName + "!" + json, "the zip entry", size);
        }
        long maxJson = LoadLimits.configBudget();
        Map<String, byte[]> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        // All entries together may inflate to MAX_RATIO times the archive (at least MIN_CAP): a
        // deflate bomb reaches that long before it reaches its own size.
        long totalCap = Math.min(MAX_WEIGHTS, Math.max(MIN_CAP, (long) zip.length * MAX_RATIO));
        Budget budget = new Budget(fileName, totalCap);
        int count = 0;
        CountingStream raw = new CountingStream(zip);
        try (ZipInputStream in = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) throw new CorruptFileException(fileName + ": the zip holds more than " + MAX_ENTRIES + " entries");
                String name = e.getName();
                if (!seen.add(name)) {
                    throw new CorruptFileException(fileName + ": zip entry '" + Quote.cut(name) + "' appears twice; refusing an ambiguous archive");
                }
                long cap = switch (name) {
                    case CONFIG, METADATA -> Math.min(maxJson, totalCap);
                    case WEIGHTS -> totalCap;
                    default -> -1;
                };
                long declared = e.getSize();
                if (declared < -1 || declared > (cap < 0 ? totalCap : cap)) {
                    throw new CorruptFileException(fileName + ": zip entry '" + Quote.cut(name) + "' declares " + declared
                            + " bytes, more than the " + (cap < 0 ? totalCap : cap) + " allowed for this " + zip.length
                            + "-byte archive; refusing to inflate it (zip bomb?)");
                }
                if (e.getMethod() == ZipEntry.STORED && declared > zip.length) {
                    throw new CorruptFileException(fileName + ": zip entry '" + Quote.cut(name) + "' is stored (not compressed) but declares "
                            + declared + " bytes, more than the whole " + zip.length + "-byte archive");
                }
                Entry entry = new Entry(name, raw, budget, cap < 0 ? totalCap : cap);
                if (cap < 0) { // an entry convscope does not need (assets/...): inflated under the same caps, never kept
                    entry.drain(in);
                } else {
                    out.put(name, entry.read(in, declared, zip.length));
                }
                cd.check(count - 1, name, e.getMethod(), e.getCrc(), e.getCompressedSize(), entry.total);
            }
            cd.checkCount(count);
        } catch (KerasLoadException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new CorruptFileException(fileName + ": not a readable zip archive (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + Quote.cut(ex.getMessage(), 500)) + ")", ex);
        }
        if (count == 0) throw new CorruptFileException(fileName + ": the zip archive holds no entries (damaged or not a .keras file)");
        return new KerasArchive(fileName, out);
    }

    /** A complete zip ends with an end-of-central-directory record (PK 5 6) in its last 64 KiB + 22 bytes: its offset, or -1. */
    private static int endRecord(byte[] z) {
        int stop = Math.max(0, z.length - 22 - 65535);
        for (int i = z.length - 22; i >= stop; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 5 && z[i + 3] == 6) {
                int commentLength = (z[i + 20] & 0xff) | (z[i + 21] & 0xff) << 8;
                if (i + 22 + commentLength == z.length) return i;
            }
        }
        return -1;
    }

    /** The bytes the archive's entries have inflated to so far, against the cap for all of them. */
    private static final class Budget {
        private final String fileName;
        private final long cap;
        private long used;

        Budget(String fileName, long cap) {
            this.fileName = fileName;
            this.cap = cap;
        }

        void take(String entry, long n) {
            used += n;
            if (used > cap) {
                throw new CorruptFileException(fileName + ": the zip's entries inflate to more than " + cap + " bytes in all (at entry '"
                        + entry + "'); refusing it (zip bomb?)");
            }
        }
    }

    /** The archive's bytes, counting how many the zip reader has consumed (compressed bytes). */
    private static final class CountingStream extends ByteArrayInputStream {
        CountingStream(byte[] b) { super(b); }

        long consumed() { return pos; }
    }

    /**
     * One entry being inflated: its bytes are counted against its own cap, against the whole
     * archive's budget, and against MAX_RATIO times the compressed bytes it has consumed.
     */
    private static final class Entry {
        private final String name;
        private final CountingStream raw;
        private final Budget budget;
        private final long cap;
        private final long start;
        private final String fileName;
        private long total;

        Entry(String name, CountingStream raw, Budget budget, long cap) {
            this.name = name;
            this.raw = raw;
            this.budget = budget;
            this.cap = cap;
            this.start = raw.consumed();
            this.fileName = budget.fileName;
        }

        private void count(int n) {
            total += n;
            budget.take(name, n);
            if (total > cap) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' inflates to more than " + cap
                        + " bytes; refusing it (zip bomb?)");
            }
            long consumed = Math.max(1, raw.consumed() - start);
            if (total > MIN_ENTRY && total > consumed * MAX_RATIO) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' inflates " + total + " bytes from about "
                        + consumed + " compressed bytes, more than " + MAX_RATIO + " to 1; refusing it (zip bomb?)");
            }
        }

        /** Reads past the entry, counting what it inflates to, so a bomb in an unused entry is refused too. */
        void drain(InputStream in) throws IOException {
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) count(n);
        }

        /** The entry's bytes; the declared size is only trusted as far as the archive could hold it. */
        byte[] read(InputStream in, long declared, int archiveLength) throws IOException {
            int initial = (int) Math.min(Math.max(declared, 8192), Math.min(archiveLength + 8192L, cap));
            ByteArrayOutputStream buf = new ByteArrayOutputStream(initial);
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) {
                count(n);
                buf.write(chunk, 0, n);
            }
            if (declared >= 0 && total != declared) {
                throw new CorruptFileException(fileName + ": zip entry '" + name + "' declares " + declared + " bytes but holds " + total);
            }
            return buf.toByteArray();
        }
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
