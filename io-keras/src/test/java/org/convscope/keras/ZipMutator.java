package org.convscope.keras;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zip-level edits of a {@code .keras} archive, written with {@link RawZip}: deflate bombs (by ratio,
 * honest or lying about their size), entry-count bombs, hostile names ({@code ../}, absolute, drive
 * letters, backslashes), duplicate entries, and sizes or CRCs that lie. Bombs are deflated once and
 * reused.
 */
final class ZipMutator {
    /** Names that would land outside a target folder if a reader ever extracted them. */
    static final String EVIL = "convscope-evil";
    private static final String[] EVIL_NAMES = {"../" + EVIL, "../../../../../../tmp/" + EVIL, "/tmp/" + EVIL, "C:\\" + EVIL,
            "assets\\..\\..\\" + EVIL, "assets/../../" + EVIL, "./../" + EVIL};
    private static final Map<Long, RawZip.Entry> BOMBS = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private ZipMutator() {}

    /** The three entries of the target, in Keras's order, stored. */
    static List<RawZip.Entry> entries(FuzzTarget t, byte[] config, byte[] weights) {
        List<RawZip.Entry> e = new ArrayList<>();
        e.add(RawZip.Entry.stored("metadata.json", t.metadata()));
        e.add(RawZip.Entry.stored("config.json", config));
        e.add(RawZip.Entry.stored("model.weights.h5", weights));
        return e;
    }

    static ByteMutator.Result mutate(FuzzKind kind, FuzzTarget t, SplittableRandom r) {
        List<RawZip.Entry> e = entries(t, t.config().getBytes(StandardCharsets.UTF_8), t.weightsH5());
        int pick = r.nextInt(3);
        String d;
        switch (kind) {
            case ZIP_BOMB_RATIO -> {
                long mib = r.nextBoolean() ? 80 : 400;
                String[] where = {"metadata.json", "config.json", "model.weights.h5", "assets/blob.bin"};
                int w = r.nextInt(where.length);
                boolean lie = r.nextBoolean();
                String key = t.id() + "|bomb|" + mib + "|" + w + "|" + lie;
                byte[] zip = CACHE.computeIfAbsent(key, k -> {
                    RawZip.Entry bomb = bomb(mib << 20).named(where[w]);
                    if (lie) bomb = bomb.withLocalSize(100).withCentralSize(100);
                    List<RawZip.Entry> list = new ArrayList<>(e);
                    if (w < 3) list.set(w, bomb);
                    else list.add(0, bomb);
                    return RawZip.write(list);
                });
                return new ByteMutator.Result(zip, where[w] + " deflated from " + mib + " MiB of zeros" + (lie ? ", declaring 100 bytes" : ""));
            }
            case ZIP_BOMB_COUNT -> {
                int n = new int[] {10_001, 30_000, 65_535}[r.nextInt(3)];
                byte[] zip = CACHE.computeIfAbsent(t.id() + "|count|" + n, k -> {
                    List<RawZip.Entry> list = new ArrayList<>();
                    RawZip.Entry empty = RawZip.Entry.stored("x", new byte[0]);
                    for (int i = 0; i < n - 3; i++) list.add(empty.named("assets/e" + i));
                    list.addAll(e);
                    return RawZip.write(list);
                });
                return new ByteMutator.Result(zip, n + " entries");
            }
            case ZIP_TRAVERSAL -> {
                String evil = EVIL_NAMES[r.nextInt(EVIL_NAMES.length)];
                if (r.nextBoolean()) {
                    RawZip.Entry x = RawZip.Entry.stored(evil, "pwned".getBytes(StandardCharsets.UTF_8));
                    boolean first = r.nextBoolean();
                    if (first) e.add(0, x);
                    else e.add(x);
                    d = "extra entry '" + evil + "' " + (first ? "first" : "last");
                } else {
                    String old = e.get(pick).name();
                    String name = evil.replace(EVIL, old);
                    e.set(pick, e.get(pick).named(name));
                    d = "entry '" + old + "' renamed '" + name + "'";
                }
            }
            case ZIP_DUPLICATE -> {
                RawZip.Entry orig = e.get(pick);
                RawZip.Entry copy = r.nextBoolean() ? orig
                        : RawZip.Entry.stored(orig.name(), pick == 2 ? new byte[] {(byte) 0x89, 'H', 'D', 'F'} : "{}".getBytes(StandardCharsets.UTF_8));
                boolean before = r.nextBoolean();
                e.add(before ? pick : pick + 1, copy);
                d = "'" + orig.name() + "' twice (" + (copy == orig ? "same" : "other") + " content " + (before ? "first" : "second") + ")";
            }
            case ZIP_WRONG_SIZE -> {
                RawZip.Entry x = e.get(pick);
                long real = x.size();
                long[] values = {0, real - 1, real + 1, real * 2, 400L << 20, 0x6000_0000L, 0xFFFF_FFFFL, 0x7FFF_FFFFL};
                long v = values[r.nextInt(values.length)];
                boolean local = r.nextBoolean();
                e.set(pick, local ? x.withLocalSize(v) : x.withCentralSize(v));
                d = "'" + x.name() + "' " + (local ? "local" : "central") + " size " + real + " -> " + v;
            }
            case ZIP_WRONG_CRC -> {
                RawZip.Entry x = e.get(pick);
                long bad = r.nextInt(5) == 0 ? 0 : x.crc() ^ (1L << r.nextInt(32));
                int where = r.nextInt(3);
                RawZip.Entry y = where == 0 ? x.withLocalCrc(bad) : where == 1 ? x.withCentralCrc(bad) : x.withLocalCrc(bad).withCentralCrc(bad);
                e.set(pick, y);
                d = "'" + x.name() + "' " + new String[] {"local", "central", "local and central"}[where] + " CRC wrong";
            }
            case ZIP_CENTRAL_MISMATCH -> {
                return centralMismatch(e, pick, r);
            }
            default -> throw new IllegalArgumentException(kind + " is no zip mutation");
        }
        return new ByteMutator.Result(RawZip.write(e), d);
    }

    /** A central directory that disagrees with the local headers (the local entries stay true). */
    private static ByteMutator.Result centralMismatch(List<RawZip.Entry> e, int pick, SplittableRandom r) {
        int other = (pick + 1 + r.nextInt(2)) % 3;
        String a = e.get(pick).name();
        String b = e.get(other).name();
        return switch (r.nextInt(6)) {
            case 0 -> new ByteMutator.Result(RawZip.write(e, c -> {
                List<RawZip.Central> x = new ArrayList<>(c);
                x.set(pick, x.get(pick).at(c.get(other).offset()));
                return x;
            }), "central record of '" + a + "' points at the local header of '" + b + "'");
            case 1 -> new ByteMutator.Result(RawZip.write(e, c -> {
                List<RawZip.Central> x = new ArrayList<>(c);
                x.set(pick, c.get(pick).named(b));
                x.set(other, c.get(other).named(a));
                return x;
            }), "central names of '" + a + "' and '" + b + "' swapped");
            case 2 -> {
                List<RawZip.Entry> withHidden = new ArrayList<>(e);
                int at = r.nextInt(4);
                withHidden.add(at, RawZip.Entry.stored("assets/hidden.json", "{}".getBytes(StandardCharsets.UTF_8)));
                yield new ByteMutator.Result(RawZip.write(withHidden, c -> {
                    List<RawZip.Central> x = new ArrayList<>(c);
                    x.remove(at);
                    return x;
                }), "a local entry 'assets/hidden.json' (position " + at + ") missing from the central directory");
            }
            case 3 -> new ByteMutator.Result(RawZip.write(e, c -> {
                List<RawZip.Central> x = new ArrayList<>(c);
                x.remove(pick);
                return x;
            }), "'" + a + "' dropped from the central directory");
            case 4 -> new ByteMutator.Result(RawZip.write(e, c -> {
                List<RawZip.Central> x = new ArrayList<>(c);
                x.set(pick, c.get(pick).method(8));
                return x;
            }), "'" + a + "' listed as deflated in the central directory (stored locally)");
            default -> new ByteMutator.Result(RawZip.write(e, c -> {
                List<RawZip.Central> x = new ArrayList<>(c);
                x.set(pick, c.get(pick).at(c.get(pick).offset() + 30 + a.length() + r.nextInt(64)));
                return x;
            }), "central record of '" + a + "' points into its data");
        };
    }

    private static RawZip.Entry bomb(long size) {
        return BOMBS.computeIfAbsent(size, s -> {
            byte[] zeros = new byte[(int) Math.min(s, 1 << 26)];
            int copies = (int) (s / zeros.length);
            // one Deflater fed the same 64 MiB of zeros again and again: one stream of the whole size
            java.util.zip.Deflater def = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (int i = 0; i < copies; i++) {
                def.setInput(zeros);
                crc.update(zeros);
                while (!def.needsInput()) out.write(buf, 0, def.deflate(buf));
            }
            def.finish();
            while (!def.finished()) out.write(buf, 0, def.deflate(buf));
            def.end();
            return new RawZip.Entry("bomb", true, out.toByteArray(), crc.getValue(), s, s, crc.getValue(), s);
        });
    }
}
