package org.convscope.keras;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a model config of any length into a legacy {@code .h5} whose {@code model_config} is a
 * variable-length string in a global heap (as h5py writes it): a new global heap collection holding
 * the new text is appended to the file and the attribute's heap ID (length, collection address,
 * object index) is pointed at it. The old text stays as unused bytes. Also builds huge config texts.
 */
final class BigConfig {
    private BigConfig() {}

    /** The file with {@code edited} as its model_config, or null if the file does not store it as expected. */
    static byte[] relocate(byte[] h5, String config, byte[] edited) {
        byte[] orig = config.getBytes(StandardCharsets.UTF_8);
        int at = Hdf5Landmarks.indexOf(h5, orig, 0);
        if (at < 16) return null;
        int objectIndex = (h5[at - 16] & 0xff) | (h5[at - 15] & 0xff) << 8;
        int gcol = lastIndexOf(h5, "GCOL".getBytes(StandardCharsets.US_ASCII), at);
        if (gcol < 0) return null;
        ByteBuffer id = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        id.putInt(orig.length).putLong(gcol).putInt(objectIndex);
        int ref = Hdf5Landmarks.indexOf(h5, id.array(), 0);
        if (ref < 0 || Hdf5Landmarks.indexOf(h5, id.array(), ref + 1) >= 0) return null;
        int start = (h5.length + 7) & ~7;
        long padded = (edited.length + 7L) & ~7L;
        long collection = 16 + 16 + padded + 16; // header, the object, a free-space object
        if (start + collection > Integer.MAX_VALUE - 64) return null;
        ByteBuffer out = ByteBuffer.allocate((int) (start + collection)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(h5);
        out.position(start);
        out.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(collection);
        out.putShort((short) 1).putShort((short) 1).putInt(0).putLong(edited.length).put(edited);
        out.position((int) (start + 32 + padded));
        out.putShort((short) 0).putShort((short) 0).putInt(0).putLong(16); // free space: the rest
        out.putInt(ref, edited.length).putLong(ref + 4, start).putInt(ref + 12, 1);
        return out.array();
    }

    private static int lastIndexOf(byte[] b, byte[] pat, int before) {
        for (int i = Math.min(before, b.length - pat.length); i >= 0; i--) {
            if (Arrays.equals(b, i, i + pat.length, pat, 0, pat.length)) return i;
        }
        return -1;
    }

    /** The huge-config variants. */
    static final String[] VARIANTS = {"a huge string value", "a huge class name", "a list of numbers"};

    /**
     * A valid JSON config of about {@code bytes} bytes (UTF-8): {@code config} with {@code variant}
     * (0: an extra key holding one long string; 1: the first layer's class name made long; 2: an
     * extra key holding a list of millions of numbers). Built straight into bytes (it is large).
     */
    static byte[] huge(String config, int variant, int bytes, SplittableRandom r) {
        String head;
        String tail;
        byte[] unit;
        int open = config.indexOf('{');
        switch (variant) {
            case 0 -> {
                head = config.substring(0, open + 1) + "\"x\": \"";
                tail = "\", " + config.substring(open + 1);
                unit = new byte[] {(byte) ('a' + r.nextInt(26))};
            }
            case 1 -> {
                int cls = config.indexOf("\"class_name\": \"", Math.max(0, config.indexOf("\"layers\"")));
                if (cls < 0) cls = config.indexOf("\"class_name\": \"");
                int v = cls + "\"class_name\": \"".length();
                head = config.substring(0, v);
                tail = config.substring(v);
                unit = "Conv2D".getBytes(StandardCharsets.US_ASCII);
            }
            default -> {
                head = config.substring(0, open + 1) + "\"x\": [";
                tail = "0], " + config.substring(open + 1);
                unit = (100 + r.nextInt(900) + ",").getBytes(StandardCharsets.US_ASCII);
            }
        }
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        int fill = Math.max(0, (bytes - h.length - t.length) / unit.length * unit.length);
        byte[] out = new byte[h.length + fill + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(unit, 0, out, h.length, Math.min(unit.length, fill));
        for (int done = Math.min(unit.length, fill); done < fill; done *= 2) { // doubling copies
            System.arraycopy(out, h.length, out, h.length + done, Math.min(done, fill - done));
        }
        System.arraycopy(t, 0, out, h.length + fill, t.length);
        return out;
    }
}
