package org.convscope.viz.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a file is, by its first bytes (magic numbers), for error messages when a file is given in the wrong place. */
final class FileKind {
    private FileKind() {}

    /** {@return a short description such as "a Keras/HDF5 model file" or "a PNG image", or null when unknown or unreadable} */
    static String of(Path file) {
        byte[] b = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(b, 0, 8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (n >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F') return "a Keras/HDF5 model file (.h5/.hdf5)";
        if (n >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "a PNG image";
        if (n >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) return "a JPEG image";
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return file.getFileName().toString().endsWith(".keras") ? "a Keras 3 .keras model archive" : "a zip archive (a Keras 3 .keras model?)";
        }
        if (n >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "a GIF image (convscope reads PNG and JPEG)";
        if (n >= 4 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F') return "a RIFF file such as a WebP image (convscope reads PNG and JPEG)";
        if (n >= 1 && (b[0] == '{' || b[0] == '[')) return "a JSON file";
        return null;
    }

    /** {@return true for the kinds that are models} */
    static boolean isModel(String kind) {
        return kind != null && (kind.startsWith("a Keras") || kind.startsWith("a zip"));
    }

    /** {@return true for the kinds that are images convscope reads} */
    static boolean isImage(String kind) {
        return kind != null && (kind.equals("a PNG image") || kind.equals("a JPEG image"));
    }
}
