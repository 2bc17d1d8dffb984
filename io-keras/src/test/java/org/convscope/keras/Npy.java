package org.convscope.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convscope.tensor.Tensor;

/**
 * A tiny reader for NumPy's {@code .npy} format (version 1/2/3, little-endian float32/float64,
 * C order), enough for the fixture predictions. Test code only.
 */
final class Npy {
    private Npy() {}

    static Tensor read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (!(magic[0] == (byte) 0x93 && new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY"))) {
            throw new IOException(file + ": not a .npy file");
        }
        int major = b.get();
        b.get(); // minor
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        String descr = find(header, "'descr':\\s*'([^']*)'");
        if (find(header, "'fortran_order':\\s*(\\w+)").equals("True")) throw new IOException(file + ": Fortran order not supported");
        String shapeText = find(header, "'shape':\\s*\\(([^)]*)\\)");
        String[] parts = shapeText.split(",");
        int n = 0;
        int[] tmp = new int[parts.length];
        for (String p : parts) if (!p.isBlank()) tmp[n++] = Integer.parseInt(p.trim());
        int[] shape = java.util.Arrays.copyOf(tmp, n);
        long count = 1;
        for (int d : shape) count *= d;
        float[] data = new float[(int) count];
        switch (descr) {
            case "<f4" -> b.asFloatBuffer().get(data);
            case "<f8" -> {
                var d = b.asDoubleBuffer();
                for (int i = 0; i < data.length; i++) data[i] = (float) d.get(i);
            }
            default -> throw new IOException(file + ": dtype " + descr + " not supported");
        }
        return Tensor.of(data, shape);
    }

    private static String find(String header, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(header);
        if (!m.find()) throw new IOException("npy header without " + regex + ": " + header);
        return m.group(1);
    }
}
