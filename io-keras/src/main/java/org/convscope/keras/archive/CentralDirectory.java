package org.convscope.keras.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.convscope.keras.CorruptFileException;
import org.convscope.keras.limits.Quote;

/**
 * A zip archive's central directory, read and checked against the local headers before any entry is
 * inflated. A zip names its entries twice: a local header before each entry's data (what a
 * streaming reader such as {@code ZipInputStream} follows) and the central directory at the end
 * (what Python's {@code zipfile}, and so Keras, follows). A hostile archive can make the two
 * disagree, so that convscope and Keras would read different files; such an archive is refused:
 * <ul>
 *   <li>the end record must describe one disk, at most {@code maxEntries} entries, and a directory
 *       that ends exactly where the end record starts (no zip64, no prefix, no hidden bytes);</li>
 *   <li>every central record must point at a local header with the same name, method and flags, and
 *       (unless sizes follow the data in a descriptor) the same CRC-32 and sizes; entries may not
 *       overlap each other or the directory;</li>
 *   <li>while the archive is read, the local entries met must be exactly the central ones, in the
 *       order of their offsets, with the CRC-32 and sizes the directory gives ({@link #check}).</li>
 * </ul>
 */
final class CentralDirectory {
    /** One central directory record; {@code end} is where its local entry (header, data, descriptor) ends. */
    record Record(String name, byte[] rawName, int flags, int method, long crc, long compressedSize, long size, long offset, long end) { }

    private final String fileName;
    private final List<Record> byOffset;

    private CentralDirectory(String fileName, List<Record> byOffset) {
        this.fileName = fileName;
        this.byOffset = byOffset;
    }

    /** The records in the order of their local headers in the file. */
    List<Record> records() { return byOffset; }

    /**
     * Reads and checks the directory.
     *
     * @param eocd the offset of the end-of-central-directory record
     */
    static CentralDirectory read(String fileName, byte[] z, int eocd, int maxEntries) {
        int disk = u16(z, eocd + 4);
        int cdDisk = u16(z, eocd + 6);
        int here = u16(z, eocd + 8);
        int total = u16(z, eocd + 10);
        long cdSize = u32(z, eocd + 12);
        long cdOffset = u32(z, eocd + 16);
        if (total == 0xFFFF || cdSize == 0xFFFF_FFFFL || cdOffset == 0xFFFF_FFFFL) {
            throw bad(fileName, "a zip64 archive, which a .keras file never needs (convscope reads archives under 2 GiB)");
        }
        if (disk != 0 || cdDisk != 0 || here != total) {
            throw bad(fileName, "its end record describes a multi-disk archive (disk " + disk + ", directory on disk " + cdDisk
                    + ", " + here + " of " + total + " entries here)");
        }
        if (total > maxEntries) {
            throw new CorruptFileException(fileName + ": the zip's central directory lists " + total + " entries, more than the "
                    + maxEntries + " convscope reads");
        }
        if (cdOffset + cdSize != eocd) {
            throw bad(fileName, "its central directory (" + cdSize + " bytes at " + cdOffset + ") does not end where the end record"
                    + " starts (" + eocd + ")");
        }
        List<Record> records = new ArrayList<>();
        int p = (int) cdOffset;
        for (int i = 0; i < total; i++) {
            if (p + 46 > eocd || u32(z, p) != 0x02014b50L) {
                throw bad(fileName, "central directory record " + i + " of " + total + " is missing or damaged (at byte " + p + ")");
            }
            int flags = u16(z, p + 8);
            int method = u16(z, p + 10);
            long crc = u32(z, p + 16);
            long csize = u32(z, p + 20);
            long usize = u32(z, p + 24);
            int n = u16(z, p + 28);
            int m = u16(z, p + 30);
            int k = u16(z, p + 32);
            long offset = u32(z, p + 42);
            if (p + 46L + n + m + k > eocd) throw bad(fileName, "central directory record " + i + " runs past the directory");
            byte[] raw = Arrays.copyOfRange(z, p + 46, p + 46 + n);
            String name = new String(raw, StandardCharsets.UTF_8);
            if (csize == 0xFFFF_FFFFL || usize == 0xFFFF_FFFFL || offset == 0xFFFF_FFFFL) {
                throw bad(fileName, "entry '" + Quote.cut(name) + "' uses zip64 sizes, which a .keras file never needs");
            }
            long end = local(fileName, z, name, raw, flags, method, crc, csize, usize, offset, cdOffset);
            records.add(new Record(name, raw, flags, method, crc, csize, usize, offset, end));
            p += 46 + n + m + k;
        }
        if (p != eocd) throw bad(fileName, "its central directory holds " + (eocd - p) + " bytes after its " + total + " records");
        List<Record> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(Record::offset));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).offset() < sorted.get(i - 1).end()) {
                throw bad(fileName, "entries '" + Quote.cut(sorted.get(i - 1).name()) + "' and '" + Quote.cut(sorted.get(i).name())
                        + "' overlap (local headers at " + sorted.get(i - 1).offset() + " and " + sorted.get(i).offset() + ")");
            }
        }
        return new CentralDirectory(fileName, List.copyOf(sorted));
    }

    /** Checks the local header a central record points at; returns where that entry ends. */
    private static long local(String fileName, byte[] z, String name, byte[] rawName, int flags, int method, long crc, long csize,
                              long usize, long offset, long cdOffset) {
        String e = "entry '" + Quote.cut(name) + "'";
        if (offset + 30 > cdOffset || u32(z, (int) offset) != 0x04034b50L) {
            throw bad(fileName, "the central directory puts " + e + " at byte " + offset + ", where no local header is");
        }
        int o = (int) offset;
        int lflags = u16(z, o + 6);
        int lmethod = u16(z, o + 8);
        long lcrc = u32(z, o + 14);
        long lcsize = u32(z, o + 18);
        long lusize = u32(z, o + 22);
        int n = u16(z, o + 26);
        int m = u16(z, o + 28);
        if (o + 30L + n + m > cdOffset) throw bad(fileName, "the local header of " + e + " runs into the central directory");
        byte[] lname = Arrays.copyOfRange(z, o + 30, o + 30 + n);
        if (!Arrays.equals(lname, rawName)) {
            throw bad(fileName, "the central directory maps " + e + " to the local header of '"
                    + Quote.cut(new String(lname, StandardCharsets.UTF_8)) + "' (at byte " + offset + ")");
        }
        if (lmethod != method) throw bad(fileName, e + " is compressed with method " + method + " in the central directory but "
                + lmethod + " in its local header");
        boolean descriptor = (flags & 8) != 0;
        if ((lflags & 8) != (flags & 8)) throw bad(fileName, e + " has other flags in the central directory than in its local header");
        if (!descriptor) {
            if (lcrc != crc) throw bad(fileName, e + " has CRC-32 " + hex(crc) + " in the central directory but " + hex(lcrc)
                    + " in its local header");
            if (lcsize != csize || lusize != usize) {
                throw bad(fileName, e + " has sizes " + csize + "/" + usize + " (compressed/inflated) in the central directory but "
                        + lcsize + "/" + lusize + " in its local header");
            }
        }
        long end = offset + 30 + n + m + csize;
        if (descriptor) end += end + 4 <= cdOffset && u32(z, (int) end) == 0x08074b50L ? 16 : 12;
        if (end > cdOffset) throw bad(fileName, e + " (" + csize + " bytes at " + offset + ") runs into the central directory");
        return end;
    }

    /**
     * Checks the {@code index}-th entry met while reading the local headers in order, once it has been
     * read: it must be the central directory's entry at that position, with its CRC-32 and sizes.
     *
     * @param crc the CRC-32 the reader computed and checked (or -1 if it does not know)
     * @param compressed the compressed size the reader knows (or -1)
     * @param size the bytes the entry inflated to
     */
    void check(int index, String name, int method, long crc, long compressed, long size) {
        if (index >= byOffset.size()) {
            throw bad(fileName, "its local headers hold an entry '" + Quote.cut(name) + "' that the central directory does not list"
                    + " (it lists " + byOffset.size() + ")");
        }
        Record r = byOffset.get(index);
        String e = "entry '" + Quote.cut(r.name()) + "'";
        if (!r.name().equals(name)) {
            throw bad(fileName, "local entry " + index + " is '" + Quote.cut(name) + "' but the central directory has " + e + " there");
        }
        if (r.method() != method) throw bad(fileName, e + " is read with method " + method + ", not " + r.method() + " as listed");
        if (crc >= 0 && crc != r.crc()) {
            throw bad(fileName, e + " has CRC-32 " + hex(crc) + " but the central directory says " + hex(r.crc()));
        }
        if (compressed >= 0 && compressed != r.compressedSize()) {
            throw bad(fileName, e + " holds " + compressed + " compressed bytes but the central directory says " + r.compressedSize());
        }
        if (size != r.size()) throw bad(fileName, e + " inflates to " + size + " bytes but the central directory says " + r.size());
    }

    /** After the last local entry: every central record was met. */
    void checkCount(int met) {
        if (met != byOffset.size()) {
            throw bad(fileName, "the central directory lists " + byOffset.size() + " entries but the local headers hold " + met);
        }
    }

    /** The size the central directory gives an entry, or -1 if it has none of that name. */
    long declaredSize(String name) {
        for (Record r : byOffset) if (r.name().equals(name)) return r.size();
        return -1;
    }

    private static String hex(long crc) { return String.format("%08x", crc); }

    private static CorruptFileException bad(String fileName, String what) {
        return new CorruptFileException(fileName + ": zip central directory: " + what
                + "; refusing an archive that other zip readers (Keras's) could read differently");
    }

    private static int u16(byte[] z, int at) { return (z[at] & 0xff) | (z[at + 1] & 0xff) << 8; }

    private static long u32(byte[] z, int at) { return (u16(z, at) | (long) u16(z, at + 2) << 16) & 0xFFFF_FFFFL; }
}
