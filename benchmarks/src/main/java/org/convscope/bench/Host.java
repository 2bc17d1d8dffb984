package org.convscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import org.convscope.internal.gemm.Gemms;

/**
 * One line naming the machine a benchmark ran on: the CPU model ({@code /proc/cpuinfo}), whether it
 * has AVX-512 or AVX2, the cores the JVM sees, the per-core L2 (sysfs, as the engine reads it for
 * Winograd's budget, or {@code -Dconvscope.l2KiB}), the Vector API's preferred species and the GEMM
 * convscope chose (its name carries the vector width, kernel and threads), and the load average.
 */
public final class Host {
    private Host() {}

    /** {@return the description, for a report's first line} */
    public static String describe() {
        String cpu = "unknown CPU", flags = "", vendor = "", family = "", model = "", cache = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String v = line.indexOf(':') < 0 ? "" : line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("model name") && cpu.startsWith("unknown")) cpu = v;
                else if (line.startsWith("flags") && flags.isEmpty()) flags = " " + v + " ";
                else if (line.startsWith("vendor_id") && vendor.isEmpty()) vendor = v;
                else if (line.startsWith("cpu family") && family.isEmpty()) family = v;
                else if (line.matches("model\\s*:.*") && model.isEmpty()) model = v;
                else if (line.startsWith("cache size") && cache.isEmpty()) cache = v;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the defaults
        }
        if (!family.isEmpty()) {
            cpu += " (family " + family + " model " + model + core(vendor, family, model) + ")";
        }
        String isa = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : flags.isEmpty() ? "?" : "no AVX2";
        String gemm;
        try {
            gemm = Gemms.defaultGemm().name();
        } catch (RuntimeException | Error e) {
            gemm = "? (" + e + ")";
        }
        return String.format(Locale.ROOT, "Host: %s (%s), %d cores seen by the JVM, L2 %s per core; Java preferred vector %d-bit;"
                        + " convscope GEMM %s; load average %s",
                cpu, isa, Runtime.getRuntime().availableProcessors(), l2(vendor, cache), FloatVector.SPECIES_PREFERRED.vectorBitSize(), gemm, load());
    }

    /** AMD's core generations by family (and model, for family 25); empty when not known. */
    private static String core(String vendor, String family, String model) {
        if (!vendor.equals("AuthenticAMD")) return "";
        try {
            int f = Integer.parseInt(family), m = Integer.parseInt(model);
            return switch (f) {
                case 23 -> ", Zen/Zen 2";
                case 25 -> (m >= 0x10 && m <= 0x1f) || (m >= 0x60 && m <= 0x7f) || (m >= 0xa0 && m <= 0xaf) ? ", Zen 4" : ", Zen 3";
                case 26 -> ", Zen 5";
                default -> "";
            };
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String l2(String vendor, String cpuinfoCache) {
        // what the engine uses: -Dconvscope.l2KiB, else sysfs, else /proc/cpuinfo on AMD, else 2048 KiB
        long kib = org.convscope.internal.engine.Engine.global().l2Bytes() / 1024;
        return kib + " KiB per core as the engine sees it" + (vendor.equals("AuthenticAMD") && !cpuinfoCache.isEmpty()
                ? " (/proc/cpuinfo: " + cpuinfoCache + ")" : "");
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Prints {@link #describe()}.
     *
     * @param args none
     */
    public static void main(String[] args) { System.out.println(describe()); }
}
