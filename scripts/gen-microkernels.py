# Writes the unrolled Vector API micro-kernels MicroKernel12x32.java and MicroKernel6x16.java.
# Usage: python3 scripts/gen-microkernels.py core/src/main/java/org/convscope/gemm
# (The generated files are committed; rerun this only to change a kernel shape.)
import sys
def kernel(cls, bits, mr, nvec, lanes, kcmax, doc):
    nr = nvec*lanes
    S = "S"
    L = []
    w = L.append
    w("package org.convscope.gemm;")
    w("")
    w("import jdk.incubator.vector.FloatVector;")
    w("import jdk.incubator.vector.VectorSpecies;")
    w("")
    w("/**")
    for d in doc: w(" * " + d if d else " *")
    w(" */")
    w(f"final class {cls} extends MicroKernel {{")
    w(f"    private static final VectorSpecies<Float> S = FloatVector.SPECIES_{bits};")
    w(f"    static final int MR = {mr}, NR = {nr};")
    w(f"    /** Row stride of a packed A micro-panel and the largest kc: row i of the panel starts at aOff + i·KC. */")
    w(f"    static final int KC = {kcmax};")
    w("")
    w(f"    {cls}() {{ super(MR, NR, KC); }}")
    w("")
    w("    @Override")
    w("    void full(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean load,")
    w("              float[] bias, int biasOff) {")
    w("        // one accumulator per (row i, vector j): c{i}_{j} holds C[i][j*L .. j*L+L) of this tile")
    names = [[f"c{i}_{j}" for j in range(nvec)] for i in range(mr)]
    for i in range(mr):
        w("        FloatVector " + ", ".join(names[i]) + ";")
    w("        if (load) {")
    for i in range(mr):
        row = "cOff" if i == 0 else f"cOff + {i} * ldc" if i>1 else "cOff + ldc"
        w(f"            int r{i} = {row};")
        w("            " + " ".join(f"{names[i][j]} = FloatVector.fromArray(S, c, r{i}{'' if j==0 else f' + {j*lanes}'});" for j in range(nvec)))
    w("        } else {")
    w("            // first k-block: start from the bias row (fused epilogue) or from zero")
    for j in range(nvec):
        w(f"            FloatVector z{j} = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasOff{'' if j==0 else f' + {j*lanes}'});")
    for i in range(mr):
        w("            " + " ".join(f"{names[i][j]} = z{j};" for j in range(nvec)))
    w("        }")
    w(f"        // k rank-1 updates: C[0..{mr})[0..{nr}) += a[p][0..{mr}) (outer product) b[p][0..{nr})")
    w("        for (int p = 0; p < kc; p++) {")
    w(f"            int ap = aOff + p, bp = bOff + p * NR;   // A row i at ap + i·KC: constant displacements, one index register")
    for j in range(nvec):
        w(f"            FloatVector b{j} = FloatVector.fromArray(S, b, bp{'' if j==0 else f' + {j*lanes}'});")
    for i in range(mr):
        w(f"            FloatVector a{i} = FloatVector.broadcast(S, a[ap{'' if i==0 else f' + {i} * KC'}]);")
        w("            " + " ".join(f"{names[i][j]} = a{i}.fma(b{j}, {names[i][j]});" for j in range(nvec)))
    w("        }")
    for i in range(mr):
        row = "cOff" if i == 0 else f"cOff + {i} * ldc" if i>1 else "cOff + ldc"
        w(f"        int s{i} = {row};")
        w("        " + " ".join(f"{names[i][j]}.intoArray(c, s{i}{'' if j==0 else f' + {j*lanes}'});" for j in range(nvec)))
    w("    }")
    w("}")
    return "\n".join(L) + "\n"

out = sys.argv[1]
open(out + "/MicroKernel12x32.java", "w").write(kernel("MicroKernel12x32", 512, 12, 2, 16, 768, [
 "The 512-bit micro-kernel: a 12×32 tile of C held in 24 {@code FloatVector} accumulators (12 rows ×",
 "2 vectors of 16 lanes), updated by k rank-1 updates from a packed 12-row A micro-panel and a packed",
 "32-column B micro-panel.",
 "",
 "<p>Why 12×32: an FMA has a 4-cycle latency and there are two FMA ports, so at least 8 independent",
 "accumulators are needed to keep both busy; 24 leave room to hide the loads. Per k step the kernel",
 "loads 2 B vectors and broadcasts 12 A values for 24 FMAs, so reading B does not limit it (kernels",
 "with few accumulators, 6×32 or 4×48, fell to about half speed once B left L1). 24 accumulators + 2 B",
 "vectors + 1-2 broadcasts fit the 32 zmm registers without spilling. 32 columns divide the channel",
 "counts of typical convolutions (32, 64, 128) exactly, where 48 would waste a third of a panel.",
 "Measured (see PERF-NOTES / benchmarks/NOTES.md): 12×32 ran at 168–189 GFLOP/s of a 219 peak.",
 "",
 "<p>A is read from a row-layout micro-panel (see {@link MicroKernel}): row i of the panel starts at",
 "{@code aOff + i·KC}, so each of the 12 broadcasts is a memory operand with a constant displacement",
 "from one index register.",
 "",
 "<p>Each accumulator is its own local and both loops over MR and NR are unrolled by hand (this file",
 "is written out by a generator; read one row, the rest repeat it). The k loop is not unrolled: that",
 "made such kernels slower through register pressure.",
 ]))
open(out + "/MicroKernel6x16.java", "w").write(kernel("MicroKernel6x16", 256, 6, 2, 8, 384, [
 "The 256-bit micro-kernel: a 6×16 tile of C in 12 {@code FloatVector} accumulators (6 rows × 2",
 "vectors of 8 lanes). This is the classic AVX2 shape: 12 accumulators + 2 B vectors + 1 broadcast",
 "= 15 of the 16 ymm registers AVX2 machines have, so it runs without spills there too; 12 ≥ 8",
 "independent FMA chains keep two 4-cycle-latency FMA ports busy.",
 "",
 "<p>Same structure as {@link MicroKernel12x32}: accumulators as separate locals, unrolled over MR and",
 "NR, k loop rolled.",
 ]))
