package org.convscope.internal.gemm;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures micro-kernel shapes and block sizes (round 4, the 256-bit path): each candidate kernel
 * class (written by {@code MicroKernelSource --candidates DIR} and compiled beside core's classes)
 * in a one-thread {@link VectorGemm}, on square and conv-shaped products, with
 * {@link GemmTiming}'s method (calling-thread CPU time, best of N). The candidates are alternated
 * round by round so that a change in the machine's load hits all of them.
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes org.convscope.internal.gemm.MicroKernelSource --candidates core/target/cand
 * javac --add-modules jdk.incubator.vector -cp core/target/classes -d core/target/cand-classes $(find core/target/cand -name '*.java')
 * java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes:core/target/cand-classes \
 *      org.convscope.internal.gemm.GemmShapes ROUNDS REPS MC CLASS... [-- MxNxK...]
 * </pre>
 * CLASS is a simple class name ({@code MicroKernel6x16_kc384}); MC 0 means the kernel's production
 * MC (144), else it is rounded to a multiple of MR.
 */
public final class GemmShapes {
    private GemmShapes() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]), reps = Integer.parseInt(args[1]), mcWanted = Integer.parseInt(args[2]);
        List<String> classes = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        boolean inShapes = false;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--")) { inShapes = true; continue; }
            (inShapes ? shapes : classes).add(args[i]);
        }
        if (shapes.isEmpty()) shapes = List.of("512x512x512", "1024x1024x1024", "4096x64x576", "2304x24x144", "65536x32x27");
        List<Gemm> gemms = new ArrayList<>();
        for (String c : classes) {
            MicroKernel k = (MicroKernel) Class.forName("org.convscope.internal.gemm." + c).getDeclaredConstructor().newInstance();
            int mc = mcWanted > 0 ? Math.max(k.mr, mcWanted / k.mr * k.mr) : 144 / k.mr * k.mr;
            int nc = 3072 / k.nr * k.nr;
            BlockSizes bs = new BlockSizes(k.mr, k.nr, k.aStride, mc, nc);
            gemms.add(new VectorGemm(256, 1, bs, k, null, null));
        }
        for (int r = 0; r < rounds; r++) {
            for (String s : shapes) {
                for (int g = 0; g < gemms.size(); g++) {
                    System.out.println("round " + r + "  " + classes.get(g) + " mc" + mcWanted + "  " + GemmTiming.time(gemms.get(g), s, reps));
                }
            }
        }
    }
}
