package org.convscope.keras.h5;

/** The HDF5 format signature, found at offset 0 or after a user block of 512, 1024, 2048... bytes. */
public final class HdfSignature {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private HdfSignature() {}

    /** True when the bytes carry the HDF5 signature at 0 or at a power-of-two offset from 512. */
    public static boolean present(byte[] bytes) {
        if (at(bytes, 0)) return true;
        for (long off = 512; off + SIGNATURE.length <= bytes.length; off *= 2) {
            if (at(bytes, (int) off)) return true;
        }
        return false;
    }

    /** True when the signature starts at {@code offset}. */
    public static boolean at(byte[] bytes, int offset) {
        if (offset < 0 || offset + SIGNATURE.length > bytes.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) if (bytes[offset + i] != SIGNATURE[i]) return false;
        return true;
    }
}
