package org.convscope.keras;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an edited model_config over the original inside an HDF5 file, byte for byte: the edit is
 * padded with spaces to the original's length, so the file's own lengths stay true and the loader
 * meets exactly the edited JSON. Null when the edit is longer than the original.
 */
final class InPlaceConfig {
    private InPlaceConfig() {}

    static byte[] replace(byte[] file, String config, byte[] edited) {
        byte[] orig = config.getBytes(StandardCharsets.UTF_8);
        if (edited.length > orig.length) return null;
        int at = Hdf5Landmarks.indexOf(file, orig, 0);
        if (at < 0) throw new IllegalStateException("model_config not stored as one run of bytes");
        byte[] out = file.clone();
        byte[] padded = Arrays.copyOf(edited, orig.length);
        Arrays.fill(padded, edited.length, orig.length, (byte) ' ');
        System.arraycopy(padded, 0, out, at, orig.length);
        return out;
    }
}
