package org.convscope.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.convscope.keras.limits.LoadLimits;

/**
 * Reads a model (or architecture) file into memory, defensively:
 * <ul>
 *   <li>the file type is checked <em>before</em> the file is opened, after resolving symbolic
 *       links: only a regular file is read, so a FIFO (named pipe) never blocks the load, and a
 *       device ({@code /dev/zero}, {@code /dev/urandom}) or socket is refused; a loop of links, or a
 *       link to nothing, gets its own message;</li>
 *   <li>the size is checked against {@link LoadLimits#fileBudget()} before anything is read (a sparse
 *       file counts at its apparent size);</li>
 *   <li>the bytes are read into an array of exactly that size, and a file that grows while it is
 *       read is refused: nothing reads more than the size checked.</li>
 * </ul>
 * A file swapped for a FIFO between the check and the open could still block: Java cannot open a
 * file without blocking on a FIFO.
 */
final class FileReading {
    private FileReading() {}

    /** Refuses a file over the file budget (for bytes already in memory, the same rule). */
    static void checkSize(Path path, long size) {
        long budget = LoadLimits.fileBudget();
        if (size > budget) {
            throw new LoadLimitException(path + ": the file is " + LoadLimits.size(size) + ", "
                    + LoadLimits.limitText(budget, "a quarter of the maximum heap, under 2 GiB: a load holds the file, its weights"
                    + " and the engine's copies at once") + "; raise -Xmx if the file is right");
        }
    }

    static byte[] read(Path path) {
        FileKind.rejectFolder(path);
        BasicFileAttributes attrs = attributes(path);
        if (!attrs.isRegularFile()) {
            throw new UnsupportedFormatException(path + ": is " + otherKind(path, attrs) + ", not a regular file; convscope reads"
                    + " a model only from a regular file (or from bytes in memory)");
        }
        checkSize(path, attrs.size());
        int size = (int) attrs.size();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) break;
            }
            if (buf.hasRemaining()) { // shrank while read
                throw new CorruptFileException(path + ": the file changed while it was read (" + size + " bytes announced, "
                        + buf.position() + " read)");
            }
            if (ch.read(ByteBuffer.allocate(1)) > 0) {
                throw new CorruptFileException(path + ": the file grew while it was read (more than the " + size + " bytes announced)");
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw new KerasLoadException(path + ": no such file", e);
        } catch (IOException e) {
            throw new KerasLoadException(path + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The attributes of what the path leads to, with clear messages for missing files and link loops. */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean link = Files.isSymbolicLink(path);
            throw new KerasLoadException(path + ": no such file" + (link ? " (a symbolic link to a missing file)" : ""), e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            if (Files.isSymbolicLink(path) && (reason.contains("symbolic link") || reason.contains("ELOOP") || reason.contains("loop"))) {
                throw new KerasLoadException(path + ": cannot resolve the symbolic link (a loop of links?): " + reason, e);
            }
            throw new KerasLoadException(path + ": cannot read the file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KerasLoadException(path + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /** "a FIFO (named pipe)", "a character device"... from the Unix mode when the platform has one. */
    private static String otherKind(Path path, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) return "a folder";
        String target = "";
        try {
            if (Files.isSymbolicLink(path)) target = " (a symbolic link to " + path.toRealPath() + ")";
        } catch (IOException | RuntimeException ignored) {
            // the kind is enough
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer m) {
                String kind = switch (m & 0170000) {
                    case 0010000 -> "a FIFO (named pipe)";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
                return kind + target;
            }
        } catch (IOException | RuntimeException ignored) {
            // no unix view (Windows): say what we know
        }
        return (attrs.isSymbolicLink() ? "a symbolic link" : "a special file (a FIFO, a device or a socket)") + target;
    }
}
