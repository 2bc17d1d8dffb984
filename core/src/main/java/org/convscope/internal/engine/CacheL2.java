package org.convscope.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-core L2 cache size, which sizes the blocks of Winograd's convolution: read once from
 * Linux's {@code /sys/devices/system/cpu/cpu0/cache/index*} (the unified level-2 entry, for example
 * {@code 2048K} on a Sapphire-Rapids Xeon, {@code 1024K} on an AMD Zen 4); where a virtual machine
 * shows no cache entries there, on an AMD processor from {@code /proc/cpuinfo}'s {@code cache size}
 * (which AMD's kernels report as the per-core L2; Intel's is the L3, so it is not used there); else
 * {@value #DEFAULT_KIB} KiB; {@code -Dconvscope.l2KiB=N} ({@link org.convscope.engine.EngineConfig#l2KiB()}) overrides both. A wrong value only costs
 * speed, never correctness.
 */
final class CacheL2 {
    /** The L2 assumed when the system does not say (the Xeon the block sizes were first tuned on). */
    static final int DEFAULT_KIB = 2048;
    private static final int SYSTEM_KIB = readKiB();

    private CacheL2() {}

    /** {@return the per-core L2 in KiB as the system reports it, else the default} */
    static int systemKiB() { return SYSTEM_KIB; }

    private static int readKiB() {
        for (int i = 0; i < 8; i++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
            try {
                if (!Files.isDirectory(dir)) break;
                if (!read(dir.resolve("level")).equals("2") || read(dir.resolve("type")).toLowerCase(Locale.ROOT).equals("instruction")) continue;
                int kib = parseKiB(read(dir.resolve("size")));
                if (kib > 0) return kib;
            } catch (IOException | RuntimeException e) {
                break;                                  // unreadable: try /proc/cpuinfo
            }
        }
        try {
            int kib = fromCpuinfo(Files.readString(Path.of("/proc/cpuinfo")));
            if (kib > 0) return kib;
        } catch (IOException | RuntimeException e) {
            // keep the default
        }
        return DEFAULT_KIB;
    }

    /**
     * The L2 from {@code /proc/cpuinfo} text: its first {@code cache size} on an AMD processor
     * ({@code vendor_id: AuthenticAMD}), else 0.
     */
    static int fromCpuinfo(String cpuinfo) {
        boolean amd = false;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id")) amd = value.equals("AuthenticAMD");
            if (key.equals("cache size") && amd) {
                String v = value.toUpperCase(Locale.ROOT).replace(" ", "").replace("KB", "K").replace("MB", "M");
                return parseKiB(v);
            }
        }
        return 0;
    }

    private static String read(Path p) throws IOException { return Files.readString(p).trim(); }

    /** "2048K", "1M", "512" (bytes? sysfs always gives K) → KiB; 0 when unparsable. */
    static int parseKiB(String s) {
        if (s.isEmpty()) return 0;
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 7) return 0;
        int n = Integer.parseInt(digits);
        return switch (unit) {
            case 'K' -> n;
            case 'M' -> n * 1024;
            default -> Character.isDigit(unit) ? n / 1024 : 0;
        };
    }
}
