package org.convscope.internal.gemm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The generator of every unrolled Vector API kernel of the engine: the GEMM micro-kernels
 * ({@code internal/gemm/MicroKernel*.java}) and the direct short-reduction kernels
 * ({@code internal/conv/DirectKernel*.java}). Each is written out from one row: one
 * {@code FloatVector} local per accumulator, the loops over MR rows and NR/lanes vectors unrolled,
 * the k loop rolled (unrolling it made such kernels slower through register pressure, PERF-NOTES).
 *
 * <p>The generated files are committed; {@code MicroKernelSourceTest} checks they equal this
 * generator's output. To change or add a kernel, edit {@link #KERNELS} and regenerate:
 * <pre>
 * . scripts/jdk.sh && javac -d core/target/mks core/src/test/java/org/convscope/internal/gemm/MicroKernelSource.java \
 *     && java -cp core/target/mks org.convscope.internal.gemm.MicroKernelSource core/src/main/java
 * </pre>
 * (this class needs nothing else, so it compiles even while the main sources wait for a new kernel)
 * (or run the test with {@code -Dconvscope.regenerate=true}, which rewrites the files that differ).
 * A new GEMM kernel is then wired in {@link BlockSizes}' kernel table and {@code VectorGemm}.
 */
public final class MicroKernelSource {
    private MicroKernelSource() {}

    /** A kernel to write: its source file relative to {@code src/main/java} and its text. */
    public record Kernel(String path, String source) {}

    /**
     * A GEMM micro-kernel: {@code mr} rows × {@code vectors} vectors of {@code bits / 32} lanes,
     * A rows {@code kcExpr} apart (a number or another kernel's constant).
     */
    record GemmSpec(int bits, int mr, int vectors, String kcExpr, String doc, String suffix) {
        GemmSpec(int bits, int mr, int vectors, String kcExpr, String doc) { this(bits, mr, vectors, kcExpr, doc, ""); }
        int lanes() { return bits / 32; }
        int nr() { return vectors * lanes(); }
        String cls() { return "MicroKernel" + mr + "x" + nr() + suffix; }
        /** The same shape with another A row stride, named apart (for measurements). */
        GemmSpec withKc(int kc) { return new GemmSpec(bits, mr, vectors, Integer.toString(kc), doc, "_kc" + kc); }
    }

    /** A direct-convolution kernel ({@code DirectConv2D}): same register tile, A read from a row buffer. */
    record DirectSpec(int bits, int mr, int vectors, String doc) {
        int lanes() { return bits / 32; }
        int nr() { return vectors * lanes(); }
        String cls() { return "DirectKernel" + mr + "x" + nr(); }
    }

    // ---------------------------------------------------------------------------------------------
    // The kernels (their javadoc says why each shape; BlockSizes has the table per vector width)

    static final GemmSpec K12X32 = new GemmSpec(512, 12, 2, "768", """
            The 512-bit micro-kernel: a 12×32 tile of C held in 24 {@code FloatVector} accumulators (12 rows ×
            2 vectors of 16 lanes), updated by k rank-1 updates from a packed 12-row A micro-panel and a packed
            32-column B micro-panel.

            <p>Why 12×32: an FMA has a 4-cycle latency and there are two FMA ports, so at least 8 independent
            accumulators are needed to keep both busy; 24 leave room to hide the loads. Per k step the kernel
            loads 2 B vectors and broadcasts 12 A values for 24 FMAs, so reading B does not limit it (kernels
            with few accumulators, 6×32 or 4×48, fell to about half speed once B left L1). 24 accumulators + 2 B
            vectors + 1-2 broadcasts fit the 32 zmm registers without spilling. 32 columns divide the channel
            counts of typical convolutions (32, 64, 128) exactly, where 48 would waste a third of a panel.
            Measured (see PERF-NOTES / benchmarks/NOTES.md): 12×32 ran at 168–189 GFLOP/s of a 219 peak.

            <p>A is read from a row-layout micro-panel (see {@link MicroKernel}): row i of the panel starts at
            {@code aOff + i·KC}, so each of the 12 broadcasts is a memory operand with a constant displacement
            from one index register.

            <p>Each accumulator is its own local and both loops over MR and NR are unrolled by hand (this file
            is written out by a generator; read one row, the rest repeat it). The k loop is not unrolled: that
            made such kernels slower through register pressure.""");

    static final GemmSpec K12X16 = new GemmSpec(512, 12, 1, "MicroKernel12x32.KC", """
            The narrow 512-bit micro-kernel: a 12×16 tile of C in 12 {@code FloatVector} accumulators (12 rows
            × one vector of 16 lanes), for products with at most 16 columns (a convolution to 7 classes, a
            small dense head). There {@link MicroKernel12x32} would compute a 32-wide panel of which 7 columns
            are real (22% of its FMAs); this kernel's panel is 16 wide (44%), so such a product takes about
            half the time.

            <p>12 accumulators still cover the 8 independent FMA chains two 4-cycle FMA ports need. Per k step
            it loads one B vector and broadcasts 12 A values for 12 FMAs: it is bound by loads rather than
            FMAs (about 13 loads per 12 FMAs), which is why the wide kernel stays the default.

            <p>A is the same row-layout micro-panel as the wide kernel's (row i at {@code aOff + i·KC}, the
            same KC), so both share the packing code. Written out by the generator like
            {@link MicroKernel12x32}.""");

    static final GemmSpec K6X16 = new GemmSpec(256, 6, 2, "384", """
            The 256-bit micro-kernel: a 6×16 tile of C in 12 {@code FloatVector} accumulators (6 rows × 2
            vectors of 8 lanes). This is the classic AVX2 shape: 12 accumulators + 2 B vectors + 1 broadcast
            = 15 of the 16 ymm registers AVX2 machines have, so it runs without spills there too; 12 ≥ 8
            independent FMA chains keep two 4-cycle-latency FMA ports busy.

            <p>Same structure as {@link MicroKernel12x32}: accumulators as separate locals, unrolled over MR and
            NR, k loop rolled.""");

    static final GemmSpec K4X24 = new GemmSpec(256, 4, 3, "MicroKernel6x16.KC", """
            The narrow 256-bit micro-kernel: a 4×24 tile of C in 12 {@code FloatVector} accumulators (4 rows ×
            3 vectors of 8 lanes), for products with 17 to 24 columns (a 1×1 convolution to 24 channels, as in
            MobileNetV2 and EfficientNet). There {@link MicroKernel6x16} would compute two 16-wide panels, 32
            columns of which 8 are padding; this kernel's one panel is exactly 24 wide. 12 accumulators + 3 B
            vectors + 1 broadcast = 16 ymm registers, so it fits an AVX2 machine's 16 without spilling.

            <p>Measured (round 4, benchmarks/NOTES.md; a forced 256-bit path on a Zen 5 host): 2304×24×144
            (a 48×48 pointwise layer, 144 → 24 channels) 62–66 GFLOP/s with 6×16, 87–89 with 4×24; on
            64-column or square products it is 5–15% slower than 6×16 (it broadcasts A once per 3 FMAs rather
            than 2, and its 24-wide panels pad 64 to 72), so it runs only for 17–24 columns.

            <p>A is the same row-layout micro-panel as 6×16's (row i at {@code aOff + i·KC}, the same KC), so
            both share the packing code. Written out by the generator like {@link MicroKernel12x32}.""");

    static final DirectSpec D12X32 = new DirectSpec(512, 12, 2, """
            The hot loop of {@link DirectConv2D}: a 12-pixel × 32-channel tile of a convolution's output held
            in 24 {@code FloatVector} accumulators (the register blocking of the GEMM's
            {@code MicroKernel12x32}, for the same reasons), with A read from {@link DirectConv2D}'s row
            buffer instead of a packed panel:
            <pre>
              C[i][co] = bias[co] + Σ_{p &lt; k}  a[aOff + i·pixelStride + p] · b[bOff + p·32 + co]
            </pre>
            In that buffer the k = kh·kw·cin values of output pixel i's window are contiguous and the windows
            of neighbouring pixels start {@code pixelStride} apart, so each k step broadcasts 12 values read
            straight from it: no packing. B is one 32-column panel of the kernel, {@code k × 32} floats, rows
            in the buffer's (tx, ty, ci) order.

            <p>One flat k loop: a loop over kernel rows around one over kw·cin (9 steps for an RGB 3x3 kernel)
            ran at 70 GFLOP/s, this one at 120–135 (one thread, convnet_512's conv1 tiles). Each accumulator
            is its own local and the loops over the 12 pixels and 2 vectors are unrolled (written out by a
            script from one row).""");

    /**
     * 256-bit shapes measured in round 4 (benchmarks/NOTES.md) but not run by the engine: written
     * with {@code --candidates DIR} for {@code GemmShapes}, never into the sources.
     */
    static List<GemmSpec> candidates() {
        String doc = "A 256-bit candidate shape measured by GemmShapes (not used by the engine).";
        List<GemmSpec> out = new ArrayList<>();
        int[][] shapes = {{6, 2}, {4, 3}, {8, 1}, {5, 2}, {3, 4}, {4, 2}, {8, 2}, {2, 4}};
        for (int[] sh : shapes) out.add(new GemmSpec(256, sh[0], sh[1], "384", doc, "_kc384"));
        for (int kc : new int[]{256, 512, 768}) {
            out.add(new GemmSpec(256, 6, 2, "0", doc).withKc(kc));
            out.add(new GemmSpec(256, 4, 3, "0", doc).withKc(kc));
        }
        return out;
    }

    static final DirectSpec D6X16 = new DirectSpec(256, 6, 2, """
            The 256-bit hot loop of {@link DirectConv2D}: a 6-pixel × 16-channel tile of a convolution's output
            in 12 {@code FloatVector} accumulators (the register blocking of the GEMM's
            {@code MicroKernel6x16}: 12 accumulators + 2 B vectors + 1 broadcast fit an AVX2 machine's 16 ymm
            registers), with A read from {@link DirectConv2D}'s row buffer as in {@link DirectKernel12x32}:
            <pre>
              C[i][co] = bias[co] + Σ_{p &lt; k}  a[aOff + i·pixelStride + p] · b[bOff + p·16 + co]
            </pre>
            Written out by the generator ({@code MicroKernelSource}) from one row.""");

    /** Every kernel the engine runs, in the order they are written. */
    static final List<Object> KERNELS = List.of(K12X32, K12X16, K6X16, K4X24, D12X32, D6X16);

    // ---------------------------------------------------------------------------------------------

    /** {@return the source of every kernel in {@link #KERNELS}} */
    public static List<Kernel> all() {
        List<Kernel> out = new ArrayList<>();
        for (Object k : KERNELS) {
            switch (k) {
                case GemmSpec g -> out.add(new Kernel("org/convscope/internal/gemm/" + g.cls() + ".java", gemm(g)));
                case DirectSpec d -> out.add(new Kernel("org/convscope/internal/conv/" + d.cls() + ".java", direct(d)));
                default -> throw new IllegalStateException(String.valueOf(k));
            }
        }
        return out;
    }

    /**
     * Writes every kernel under the source root given (default {@code core/src/main/java}).
     *
     * @param args the source root, optionally
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        boolean candidates = args.length > 0 && args[0].equals("--candidates");
        if (candidates) args = java.util.Arrays.copyOfRange(args, 1, args.length);
        Path root = Path.of(args.length > 0 ? args[0] : "core/src/main/java");
        List<Kernel> kernels = candidates
                ? candidates().stream().map(g -> new Kernel("org/convscope/internal/gemm/" + g.cls() + ".java", gemm(g))).toList()
                : all();
        for (Kernel k : kernels) {
            Path p = root.resolve(k.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, k.source(), StandardCharsets.UTF_8);
            System.out.println("wrote " + p);
        }
    }

    private static String plus(String base, int offset) { return offset == 0 ? base : base + " + " + offset; }

    private static String row(int i) { return i == 0 ? "cOff" : i == 1 ? "cOff + ldc" : "cOff + " + i * 1 + " * ldc"; }

    private static void doc(StringBuilder s, String doc) {
        s.append("/**\n");
        for (String line : doc.split("\n", -1)) s.append(line.isEmpty() ? " *" : " * " + line).append('\n');
        s.append(" */\n");
    }

    private static void header(StringBuilder s, String pkg) {
        s.append("package org.convscope.internal.").append(pkg).append(";\n\n");
        s.append("import jdk.incubator.vector.FloatVector;\n");
        s.append("import jdk.incubator.vector.VectorSpecies;\n\n");
    }

    /** A GEMM micro-kernel (a {@code MicroKernel} subclass with the full-tile method). */
    static String gemm(GemmSpec g) {
        int mr = g.mr(), nv = g.vectors(), lanes = g.lanes(), nr = g.nr();
        StringBuilder s = new StringBuilder();
        header(s, "gemm");
        doc(s, g.doc());
        s.append("final class ").append(g.cls()).append(" extends MicroKernel {\n");
        s.append("    private static final VectorSpecies<Float> S = FloatVector.SPECIES_").append(g.bits()).append(";\n");
        s.append("    static final int MR = ").append(mr).append(", NR = ").append(nr).append(";\n");
        s.append("    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */\n");
        s.append("    static final int KC = ").append(g.kcExpr()).append(";\n\n");
        s.append("    ").append(g.cls()).append("() { super(MR, NR, KC); }\n\n");
        s.append("    @Override\n");
        s.append("    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,\n");
        s.append("              float[] bias, int biasOff) {\n");
        s.append("        // one accumulator per (row i, vector j): c{i}_{j} holds C[i][j*L .. j*L+L) of this tile\n");
        for (int i = 0; i < mr; i++) {
            StringJoiner names = new StringJoiner(", ", "        FloatVector ", ";\n");
            for (int j = 0; j < nv; j++) names.add("c" + i + "_" + j);
            s.append(names);
        }
        s.append("        if (load) {\n");
        for (int i = 0; i < mr; i++) {
            s.append("            int r").append(i).append(" = ").append(row(i)).append(";\n");
            StringJoiner line = new StringJoiner(" ", "            ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = FloatVector.fromArray(S, c, " + plus("r" + i, j * lanes) + ");");
            s.append(line);
        }
        s.append("        } else {\n");
        s.append("            // first k-block: start from the bias row (fused epilogue) or from zero\n");
        for (int j = 0; j < nv; j++) {
            s.append("            FloatVector z").append(j).append(" = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, ")
                    .append(plus("biasOff", j * lanes)).append(");\n");
        }
        for (int i = 0; i < mr; i++) {
            StringJoiner line = new StringJoiner(" ", "            ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = z" + j + ";");
            s.append(line);
        }
        s.append("        }\n");
        s.append("        // k rank-1 updates: C[0..").append(mr).append(")[0..").append(nr).append(") += a[p][0..").append(mr)
                .append(") (outer product) b[p][0..").append(nr).append(")\n");
        s.append("        for (int p = 0; p < kc; p++) {\n");
        s.append("            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register\n");
        for (int j = 0; j < nv; j++) s.append("            FloatVector b").append(j).append(" = FloatVector.fromArray(S, b, ").append(plus("bp", j * lanes)).append(");\n");
        for (int i = 0; i < mr; i++) {
            s.append("            FloatVector a").append(i).append(" = FloatVector.broadcast(S, a[").append(i == 0 ? "ap" : "ap + " + i + " * KC").append("]);\n");
            StringJoiner line = new StringJoiner(" ", "            ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = a" + i + ".fma(b" + j + ", c" + i + "_" + j + ");");
            s.append(line);
        }
        s.append("        }\n");
        for (int i = 0; i < mr; i++) {
            s.append("        int s").append(i).append(" = ").append(row(i)).append(";\n");
            StringJoiner line = new StringJoiner(" ", "        ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + ".intoArray(c, " + plus("s" + i, j * lanes) + ");");
            s.append(line);
        }
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }

    /** A direct-convolution kernel: a static {@code tile} method, accumulators from the bias, optional fused ReLU. */
    static String direct(DirectSpec d) {
        int mr = d.mr(), nv = d.vectors(), lanes = d.lanes(), nr = d.nr();
        StringBuilder s = new StringBuilder();
        header(s, "conv");
        doc(s, d.doc());
        s.append("final class ").append(d.cls()).append(" {\n");
        s.append("    static final VectorSpecies<Float> S = FloatVector.SPECIES_").append(d.bits()).append(";\n");
        s.append("    static final int MR = ").append(mr).append(", NR = ").append(nr).append(";\n\n");
        s.append("    private ").append(d.cls()).append("() {}\n\n");
        s.append("    /**\n");
        s.append("     * Writes the ").append(mr).append("×").append(nr).append(" tile to {@code c[cOff + i·ldc + co]}.\n");
        s.append("     *\n");
        s.append("     * @param k           the reduction length, kh·kw·cin\n");
        s.append("     * @param pixelStride distance in {@code a} between the windows of two neighbouring output pixels\n");
        s.append("     * @param bias        ").append(nr).append(" values at {@code biasOff}\n");
        s.append("     * @param relu        apply {@code max(x, 0)} before storing (with {@code Math.max}'s NaN and −0 rules)\n");
        s.append("     */\n");
        s.append("    static void tile(int k, float[] a, int aOff, int pixelStride, float[] b, int bOff, float[] bias, int biasOff,\n");
        s.append("                     float[] c, int cOff, int ldc, boolean relu) {\n");
        StringJoiner zs = new StringJoiner(", ", "        FloatVector ", ";\n");
        for (int j = 0; j < nv; j++) zs.add("z" + j + " = FloatVector.fromArray(S, bias, " + plus("biasOff", j * lanes) + ")");
        s.append(zs);
        for (int i = 0; i < mr; i++) {
            StringJoiner line = new StringJoiner(", ", "        FloatVector ", ";\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = z" + j);
            s.append(line);
        }
        if (mr > 1) {
            s.append("        // pixel i's window starts o{i} after pixel 0's: loop-invariant offsets\n");
            for (int i0 = 1; i0 < mr; i0 += 4) {
                StringJoiner line = new StringJoiner(", ", "        int ", ";\n");
                for (int i = i0; i < Math.min(mr, i0 + 4); i++) line.add("o" + i + " = " + (i == 1 ? "pixelStride" : i + " * pixelStride"));
                s.append(line);
            }
        }
        s.append("        for (int p = 0; p < k; p++) {\n");
        s.append("            int ap = aOff + p, bp = bOff + p * NR;\n");
        for (int j = 0; j < nv; j++) s.append("            FloatVector b").append(j).append(" = FloatVector.fromArray(S, b, ").append(plus("bp", j * lanes)).append(");\n");
        for (int i = 0; i < mr; i++) {
            s.append("            FloatVector a").append(i).append(" = FloatVector.broadcast(S, a[").append(i == 0 ? "ap" : "ap + o" + i).append("]);\n");
            StringJoiner line = new StringJoiner(" ", "            ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = a" + i + ".fma(b" + j + ", c" + i + "_" + j + ");");
            s.append(line);
        }
        s.append("        }\n");
        s.append("        if (relu) {\n");
        s.append("            FloatVector zero = FloatVector.zero(S);\n");
        for (int i = 0; i < mr; i++) {
            StringJoiner line = new StringJoiner(" ", "            ", "\n");
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + " = c" + i + "_" + j + ".max(zero);");
            s.append(line);
        }
        s.append("        }\n");
        for (int i = 0; i < mr; i++) {
            StringJoiner line = new StringJoiner(" ", "        ", "\n");
            String base = i == 0 ? "cOff" : "cOff + " + i + " * ldc";
            for (int j = 0; j < nv; j++) line.add("c" + i + "_" + j + ".intoArray(c, " + plus(base, j * lanes) + ");");
            s.append(line);
        }
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }
}
