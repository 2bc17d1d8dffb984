package org.convscope.keras;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes case {@code n} of a seeded run: the target (small files are picked more often than the
 * large ones, which cost more per load), a kind that applies to its format, and the mutation. The
 * case depends only on (seed, n), never on the cases before it.
 */
final class FuzzCases {
    private final long seed;
    private final List<FuzzTarget> targets;
    private final int[] cumulative;

    FuzzCases(long seed, List<FuzzTarget> targets) {
        this.seed = seed;
        this.targets = targets;
        this.cumulative = new int[targets.size()];
        int sum = 0;
        for (int i = 0; i < targets.size(); i++) {
            int len = targets.get(i).bytes().length;
            sum += len < (1 << 20) ? 6 : len < (5 << 20) ? 2 : 1;
            cumulative[i] = sum;
        }
    }

    FuzzCase make(long n) throws Exception {
        SplittableRandom r = new SplittableRandom(seed ^ (n * 0x9E37_79B9_7F4A_7C15L));
        int x = r.nextInt(cumulative[cumulative.length - 1]);
        int ti = 0;
        while (cumulative[ti] <= x) ti++;
        FuzzTarget t = targets.get(ti);
        List<FuzzKind> kinds = FuzzKind.applicable(t);
        int weights = kinds.stream().mapToInt(k -> k.weight).sum();
        for (int attempt = 0; ; attempt++) {
            int w = r.nextInt(weights);
            int ki = 0;
            while (w >= kinds.get(ki).weight) w -= kinds.get(ki++).weight;
            FuzzKind k = kinds.get(ki);
            FuzzCase c = make(n, t, k, r);
            if (c != null) return c;
            if (attempt > 20) throw new IllegalStateException("no mutation applies to " + t);
        }
    }

    private static FuzzCase make(long n, FuzzTarget t, FuzzKind k, SplittableRandom r) throws Exception {
        byte[] arch = t.format() == FuzzFormat.WEIGHTS ? t.architecture() : null;
        switch (k.family) {
            case BYTES -> {
                if (t.format() == FuzzFormat.KERAS && r.nextBoolean()) { // the zip's own bytes
                    ByteMutator.Result m = ByteMutator.mutate(k, t.bytes(), t.zipMarks(), r);
                    return new FuzzCase(n, t, k, "zip bytes: " + m.description(), m.bytes(), null);
                }
                ByteMutator.Result m = ByteMutator.mutate(k, t.weightsH5(), t.h5Marks(), r);
                if (t.format() == FuzzFormat.KERAS) {
                    byte[] zip = RawZip.write(ZipMutator.entries(t, t.config().getBytes(StandardCharsets.UTF_8), m.bytes()));
                    return new FuzzCase(n, t, k, "model.weights.h5 (re-zipped): " + m.description(), zip, null);
                }
                return new FuzzCase(n, t, k, m.description(), m.bytes(), arch);
            }
            case CONFIG -> {
                ByteMutator.Result m = ConfigMutator.mutate(k, t.config(), r);
                if (m == null) return null;
                return switch (t.format()) {
                    case H5 -> {
                        byte[] b = InPlaceConfig.replace(t.bytes(), t.config(), m.bytes());
                        yield b == null ? null : new FuzzCase(n, t, k, "model_config (same length, in place): " + m.description(), b, null);
                    }
                    case KERAS -> new FuzzCase(n, t, k, "config.json: " + m.description(),
                            RawZip.write(ZipMutator.entries(t, m.bytes(), t.weightsH5())), null);
                    case WEIGHTS -> new FuzzCase(n, t, k, "architecture: " + m.description(), t.bytes(), m.bytes());
                };
            }
            case HOSTILE_CONFIG -> {
                ByteMutator.Result m = HostileConfig.mutate(k, t.config(), r);
                if (m == null) return null;
                return switch (t.format()) {
                    case H5 -> {
                        byte[] b = BigConfig.relocate(t.bytes(), t.config(), m.bytes());
                        yield b == null ? null : new FuzzCase(n, t, k, "model_config (in a new global heap): " + m.description(), b, null);
                    }
                    case KERAS -> new FuzzCase(n, t, k, "config.json: " + m.description(),
                            RawZip.write(ZipMutator.entries(t, m.bytes(), t.weightsH5())), null);
                    case WEIGHTS -> new FuzzCase(n, t, k, "architecture: " + m.description(), t.bytes(), m.bytes());
                };
            }
            default -> {
                ByteMutator.Result m = ZipMutator.mutate(k, t, r);
                return new FuzzCase(n, t, k, m.description(), m.bytes(), null);
            }
        }
    }
}
