package org.convscope.keras;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Byte-level mutations of a file, aimed half the time at its structure offsets (see
 * {@link Hdf5Landmarks}): flipped bits, overwritten runs, copied blocks, truncations at a
 * boundary, and size fields set to huge, negative or zero values.
 */
final class ByteMutator {
    private static final long[] HUGE = {0xFFFF_FFFF_FFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, 0xFFFF_FFFFL,
            0x7FFF_FFFFL, 0x8000_0000L, 1L << 40, 1L << 31, 0};

    private ByteMutator() {}

    /** The mutated copy of {@code in} and what was done, for a BYTES kind. */
    static Result mutate(FuzzKind kind, byte[] in, int[] marks, SplittableRandom r) {
        byte[] b = in.clone();
        int pos = position(b.length, marks, r);
        return switch (kind) {
            case BIT_FLIP -> {
                int n = 1 + r.nextInt(4);
                StringBuilder d = new StringBuilder("flip");
                for (int i = 0; i < n; i++) {
                    int p = i == 0 ? pos : position(b.length, marks, r);
                    int bit = r.nextInt(8);
                    b[p] ^= (byte) (1 << bit);
                    d.append(" bit ").append(bit).append("@").append(p);
                }
                yield new Result(b, d.toString());
            }
            case BYTE_RUN -> {
                int n = 1 + r.nextInt(64);
                int fill = r.nextInt(3);
                for (int i = 0; i < n && pos + i < b.length; i++) b[pos + i] = (byte) (fill == 0 ? r.nextInt(256) : fill == 1 ? 0 : 0xFF);
                yield new Result(b, n + " bytes " + (fill == 0 ? "random" : fill == 1 ? "00" : "FF") + " at " + pos);
            }
            case BLOCK_COPY -> {
                int n = 1 + r.nextInt(256);
                int from = r.nextInt(b.length);
                n = Math.min(n, Math.min(b.length - from, b.length - pos));
                System.arraycopy(in, from, b, pos, n);
                yield new Result(b, n + " bytes copied from " + from + " to " + pos);
            }
            case TRUNCATE -> {
                int len;
                if (r.nextInt(5) == 0 || marks.length == 0) {
                    len = r.nextInt(b.length);
                } else {
                    int m = marks[r.nextInt(marks.length)];
                    int[] deltas = {-1, 0, 1, 2, 4, 8, 16, r.nextInt(64)};
                    len = Math.clamp((long) m + deltas[r.nextInt(deltas.length)], 0, b.length - 1);
                }
                yield new Result(Arrays.copyOf(in, len), "truncated to " + len + " of " + in.length + " bytes");
            }
            case HUGE_FIELD -> {
                int width = new int[] {2, 4, 8}[r.nextInt(3)];
                long v = HUGE[r.nextInt(HUGE.length)];
                int at = Math.min(pos, b.length - 1);
                for (int i = 0; i < width && at + i < b.length; i++) b[at + i] = (byte) (v >>> (8 * i));
                yield new Result(b, width + "-byte 0x" + Long.toHexString(width == 8 ? v : v & ((1L << (8 * width)) - 1)) + " at " + at);
            }
            default -> throw new IllegalArgumentException(kind + " is no byte mutation");
        };
    }

    /** Half the time a structure offset plus up to 48 bytes (its header fields), else anywhere. */
    private static int position(int length, int[] marks, SplittableRandom r) {
        if (marks.length > 0 && r.nextBoolean()) return Math.min(length - 1, marks[r.nextInt(marks.length)] + r.nextInt(48));
        return r.nextInt(length);
    }

    /** A mutated file and its description. */
    record Result(byte[] bytes, String description) { }
}
