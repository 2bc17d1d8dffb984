package org.convscope.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Helpers that turn good fixture files into bad ones for tests. */
final class TestFiles {
    private TestFiles() {}

    /** The text of one entry of a fixture zip. */
    static String zipEntryText(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The bytes of one entry of a fixture zip. */
    static byte[] zipEntryBytes(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
            return in.readAllBytes();
        }
    }

    /** Writes a zip of (name, bytes) pairs; {@code deflate} compresses them. */
    static byte[] zip(boolean deflate, Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                byte[] data = (byte[]) nameThenBytes[i + 1];
                ZipEntry e = new ZipEntry((String) nameThenBytes[i]);
                if (!deflate) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(data.length);
                    e.setCompressedSize(data.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length) in {@code bytes}. */
    static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        if (f.length != t.length) throw new IllegalArgumentException("same length needed");
        byte[] out = bytes.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            boolean m = true;
            for (int j = 0; j < f.length && m; j++) m = out[i + j] == f[j];
            if (m) System.arraycopy(t, 0, out, i, t.length);
        }
        return out;
    }

    /**
     * Bytes the current thread has allocated so far (HotSpot's ThreadMXBean, reached reflectively:
     * the tests compile as module org.convscope.keras, which does not read java.management).
     */
    static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            java.lang.reflect.Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (Long) m.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no per-thread allocation counter in this JVM", e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }
}
