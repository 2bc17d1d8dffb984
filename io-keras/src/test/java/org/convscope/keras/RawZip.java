package org.convscope.keras;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, so that a test can make every header field lie: the sizes and
 * CRC of the local header and of the central directory are set independently of the data, names
 * may repeat or hold {@code ../}, and a deflated payload can be computed once and reused (a bomb).
 */
final class RawZip {
    /** One entry as written: {@code data} is the stored or already deflated payload. */
    record Entry(String name, boolean deflated, byte[] data, long crc, long size, long localSize, long localCrc, long centralSize) {
        /** A STORED entry whose headers tell the truth. */
        static Entry stored(String name, byte[] data) {
            long crc = RawZip.crc(data);
            return new Entry(name, false, data, crc, data.length, data.length, crc, data.length);
        }

        /** A DEFLATED entry whose headers tell the truth. */
        static Entry deflated(String name, byte[] plain) {
            byte[] d = deflate(plain);
            long crc = RawZip.crc(plain);
            return new Entry(name, true, d, crc, plain.length, plain.length, crc, plain.length);
        }

        Entry named(String n) { return new Entry(n, deflated, data, crc, size, localSize, localCrc, centralSize); }

        Entry withLocalSize(long s) { return new Entry(name, deflated, data, crc, size, s, localCrc, centralSize); }

        Entry withCentralSize(long s) { return new Entry(name, deflated, data, crc, size, localSize, localCrc, s); }

        Entry withLocalCrc(long c) { return new Entry(name, deflated, data, crc, size, localSize, c, centralSize); }

        Entry withCentralCrc(long c) { return new Entry(name, deflated, data, c, size, localSize, localCrc, centralSize); }
    }

    private RawZip() {}

    static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    static byte[] deflate(byte[] plain) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        d.setInput(plain);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 100));
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    /** One central directory record as it will be written (a test may make it lie about the local entries). */
    record Central(String name, int method, long crc, long compressedSize, long size, long offset) {
        Central named(String n) { return new Central(n, method, crc, compressedSize, size, offset); }

        Central at(long o) { return new Central(name, method, crc, compressedSize, size, o); }

        Central method(int m) { return new Central(name, m, crc, compressedSize, size, offset); }
    }

    /** The archive: local headers and data, the central directory, the end record. */
    static byte[] write(List<Entry> entries) {
        return write(entries, c -> c);
    }

    /**
     * The archive with a central directory that {@code edit} may change: records renamed, moved to
     * another local header, dropped, added, or given another method.
     */
    static byte[] write(List<Entry> entries, java.util.function.UnaryOperator<List<Central>> edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int32(out, 0x04034b50);
            int16(out, 20);
            int16(out, 0x0800); // UTF-8 names
            int16(out, e.deflated() ? 8 : 0);
            int32(out, 0);      // time, date
            int32(out, (int) e.localCrc());
            int32(out, (int) (e.deflated() ? e.data().length : e.localSize()));
            int32(out, (int) e.localSize());
            int16(out, name.length);
            int16(out, 0);
            out.writeBytes(name);
            out.writeBytes(e.data());
        }
        long cdStart = out.size();
        List<Central> central = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            central.add(new Central(e.name(), e.deflated() ? 8 : 0, e.crc(), e.deflated() ? e.data().length : e.centralSize(),
                    e.centralSize(), offsets.get(i)));
        }
        central = edit.apply(central);
        for (Central c : central) {
            byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
            int32(out, 0x02014b50);
            int16(out, 20);
            int16(out, 20);
            int16(out, 0x0800);
            int16(out, c.method());
            int32(out, 0);
            int32(out, (int) c.crc());
            int32(out, (int) c.compressedSize());
            int32(out, (int) c.size());
            int16(out, name.length);
            int16(out, 0);
            int16(out, 0);
            int16(out, 0);
            int16(out, 0);
            int32(out, 0);
            int32(out, (int) c.offset());
            out.writeBytes(name);
        }
        long cdSize = out.size() - cdStart;
        int32(out, 0x06054b50);
        int16(out, 0);
        int16(out, 0);
        int16(out, Math.min(central.size(), 0xFFFF));
        int16(out, Math.min(central.size(), 0xFFFF));
        int32(out, (int) cdSize);
        int32(out, (int) cdStart);
        int16(out, 0);
        return out.toByteArray();
    }

    private static void int16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void int32(ByteArrayOutputStream o, int v) {
        int16(o, v);
        int16(o, v >>> 16);
    }
}
