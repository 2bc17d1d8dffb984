#!/usr/bin/env python3
"""Float32 accuracy of Winograd F(m x m, 3 x 3) for several choices of interpolation points.

Issue 12 asks whether a larger Winograd tile can keep convscope's bound (every layer within
1e-5 * max|ref| of Keras). This script builds the transforms exactly (sympy rationals) from any
set of finite points plus the point at infinity (Toom-Cook: A^T and G from the points, B^T
solved from the exact identity A^T[(G g) * (B^T d)] = correlation(d, g)), checks them in exact
arithmetic, then computes random 2D tiles in float32 the way the engine does (kernel transformed
once, input tiles transformed in float32, the sum over input channels accumulated in float32,
output transform in float32) and reports max|err| / max|ref| against a float64 direct convolution.

Run: python3 benchmarks/winograd-accuracy.py [tiles]     (numpy and sympy; about a minute)
"""
import sys
import numpy as np
import sympy as sp

R = 3  # kernel size


def transforms(points, m):
    """A^T (m x n), G (n x r), B^T (n x n) for F(m, r) with the given finite points and infinity."""
    n = m + R - 1
    a = [sp.Rational(p) for p in points]
    assert len(a) == n - 1, f"F({m},{R}) needs {n - 1} finite points"
    AT = sp.zeros(m, n)
    for j in range(m):
        for i in range(n - 1):
            AT[j, i] = a[i] ** j
    AT[m - 1, n - 1] = 1
    G = sp.zeros(n, R)
    for i in range(n - 1):
        f = sp.prod([a[i] - a[k] for k in range(n - 1) if k != i])
        for k in range(R):
            G[i, k] = a[i] ** k / f
    G[n - 1, R - 1] = 1
    # B^T column by column: sum_i AT[j,i] G[i,k] BT[i,l] = [l == j + k] for all j, k
    BT = sp.zeros(n, n)
    M = sp.zeros(m * R, n)
    for j in range(m):
        for k in range(R):
            for i in range(n):
                M[j * R + k, i] = AT[j, i] * G[i, k]
    for l in range(n):
        b = sp.Matrix([1 if l == j + k else 0 for j in range(m) for k in range(R)])
        sol, params = M.gauss_jordan_solve(b)
        BT[:, l] = sol.subs({p: 0 for p in params})
    # exact check on symbols-free random integers
    rng = np.random.default_rng(0)
    d = sp.Matrix(rng.integers(-9, 9, n).tolist())
    g = sp.Matrix(rng.integers(-9, 9, R).tolist())
    y = AT * (sp.matrix_multiply_elementwise(G * g, BT * d))
    direct = sp.Matrix([sum(d[j + k] * g[k] for k in range(R)) for j in range(m)])
    assert y == direct, f"transforms for points {points} are wrong"
    f32 = lambda X: np.array(X.tolist(), dtype=np.float64)
    return f32(AT), f32(G), f32(BT)


def error(points, m, cin, tiles, rng):
    AT, G, BT = transforms(points, m)
    n = m + R - 1
    AT32, BT32 = AT.astype(np.float32), BT.astype(np.float32)
    worst = 0.0
    for _ in range(tiles):
        d = rng.random((cin, n, n))                                  # post-ReLU-like inputs in [0, 1)
        g = rng.normal(0, np.sqrt(2 / (9 * cin)), (cin, R, R))      # He-scaled 3x3 kernels
        # float64 direct correlation: y[i, j] = sum_c sum_{u,v} d[c, i+u, j+v] g[c, u, v]
        ref = np.zeros((m, m))
        for u in range(R):
            for v in range(R):
                ref += np.einsum('cij,c->ij', d[:, u:u + m, v:v + m], g[:, u, v])
        U = np.einsum('ik,ckl,jl->cij', G, g, G).astype(np.float32)    # kernel transform (once per layer)
        d32 = d.astype(np.float32)
        V = np.einsum('ik,ckl,jl->cij', BT32, d32, BT32)            # input transform in float32
        acc = np.zeros((n, n), dtype=np.float32)
        for c in range(cin):                                         # the GEMM's float32 sum over channels
            acc += U[c] * V[c]
        y = AT32 @ acc @ AT32.T
        worst = max(worst, np.abs(y - ref).max() / np.abs(ref).max())
    return worst


def direct_error(cin, tiles, rng, m=4):
    worst = 0.0
    for _ in range(tiles):
        n = m + R - 1
        d = rng.random((cin, n, n))
        g = rng.normal(0, np.sqrt(2 / (9 * cin)), (cin, R, R))
        ref = np.zeros((m, m))
        y = np.zeros((m, m), dtype=np.float32)
        for u in range(R):
            for v in range(R):
                ref += np.einsum('cij,c->ij', d[:, u:u + m, v:v + m], g[:, u, v])
        d32, g32 = d.astype(np.float32), g.astype(np.float32)
        for c in range(cin):
            for u in range(R):
                for v in range(R):
                    y += d32[c, u:u + m, v:v + m] * g32[c, u, v]
        worst = max(worst, np.abs(y - ref).max() / np.abs(ref).max())
    return worst


def main():
    tiles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    candidates = [
        (2, ["0", "1", "-1"], "F(2x2,3x3) {0, ±1} (the engine's)"),
        (4, ["0", "1", "-1", "2", "-2"], "F(4x4,3x3) {0, ±1, ±2} (the usual)"),
        (4, ["0", "1", "-1", "1/2", "-2"], "F(4x4,3x3) {0, ±1, 1/2, -2}"),
        (4, ["0", "1", "-1", "1/2", "-1/2"], "F(4x4,3x3) {0, ±1, ±1/2}"),
        (4, ["0", "1", "-1", "2", "-1/2"], "F(4x4,3x3) {0, ±1, 2, -1/2}"),
        (6, ["0", "1", "-1", "2", "-2", "1/2", "-1/2"], "F(6x6,3x3) {0, ±1, ±2, ±1/2} (the usual)"),
        (6, ["0", "1", "-1", "1/2", "-1/2", "1/4", "-2"], "F(6x6,3x3) {0, ±1, ±1/2, 1/4, -2}"),
    ]
    print(f"max |err| / max |ref| over {tiles} random tiles (inputs U[0,1), He-scaled kernels), float32 vs float64\n")
    print("| transform | cin 32 | cin 64 | cin 128 | within 1e-5 at 128? |")
    print("|---|---:|---:|---:|---|")
    rng = np.random.default_rng(20261202)
    print(f"| direct float32 sum (im2col GEMM) | " + " | ".join(f"{direct_error(c, max(20, tiles // 10), rng):.2e}" for c in (32, 64, 128)) + " | yes |")
    for m, pts, label in candidates:
        errs = [error(pts, m, c, tiles, np.random.default_rng(7 + c)) for c in (32, 64, 128)]
        print(f"| {label} | " + " | ".join(f"{e:.2e}" for e in errs) + f" | {'yes' if errs[-1] <= 1e-5 else 'no'} |")


if __name__ == "__main__":
    main()
