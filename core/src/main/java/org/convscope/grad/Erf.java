package org.convscope.grad;

/**
 * The error function in double precision (the JDK has none), for GELU's derivative
 * {@code Φ(z) + z·φ(z)} with {@code Φ(z) = (1 + erf(z/√2))/2}.
 *
 * <p>|x| &lt; 3: the Maclaurin series {@code erf x = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!(2n+1))}, summed until
 * the terms vanish (the largest term at |x| = 3 is about 10², so ~14 digits survive the cancellation).
 * |x| ≥ 3: {@code erfc x = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))}, the classic continued
 * fraction, evaluated bottom-up with 60 terms (ample for x ≥ 3).
 */
final class Erf {
    private Erf() {}

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 3) {
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        double f = ax;
        for (int k = 60; k >= 1; k--) f = ax + (k / 2.0) / f;
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        return Math.signum(x) * (1 - erfc);
    }
}
