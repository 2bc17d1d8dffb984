package org.convscope.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The error function erf and its complement erfc in double precision (the JDK has neither).
 *
 * <pre>
 *   erf(x)  = 2/√π ∫₀ˣ e^(−t²) dt          erfc(x) = 1 − erf(x) = 2/√π ∫ₓ^∞ e^(−t²) dt
 * </pre>
 *
 * The method follows the classic plan of W. J. Cody's rational approximations — a different
 * smooth function is approximated on each range so that no digits cancel — but the approximating
 * polynomials are our own: Chebyshev series whose coefficients are computed once, when the class
 * loads, from exact high-precision ({@link BigDecimal}) evaluations of the Taylor series.
 * <ul>
 *   <li>{@code |x| ≤ 1/2}: erf(x) = x · P(x²), where P(s) = erf(√s)/√s is smooth on
 *   s ∈ [0, 1/4]; erfc = 1 − erf ≥ 0.48 loses nothing.</li>
 *   <li>{@code 1/2 < x ≤ 6}: erfc(x) = e^(−x²) · H(x) / x with H(x) = x·e^(x²)·erfc(x), a slowly
 *   varying function (0.31 at x = 1/2, 0.557 at x = 6, tending to 1/√π); erf = 1 − erfc ≥ 0.52.</li>
 *   <li>{@code x > 6}: Laplace's continued fraction
 *   {@code √π·e^(x²)·erfc(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))}, which converges fast for
 *   large x. Past x ≈ 26.6 erfc underflows to 0.</li>
 * </ul>
 * e^(−x²) is computed as e^(−h²)·e^(−(x−h)(x+h)) with h = x rounded to 1/65536, so that the square
 * in the exponent is exact (the second factor is close to 1) — otherwise the rounding of x² alone
 * would cost about x²·2⁻⁵³ of relative accuracy. Negative arguments use erf(−x) = −erf(x) and
 * erfc(−x) = 2 − erfc(x). Measured against 60-digit references the relative error is about 1e-15
 * (see ErfTest).
 */
public final class Erf {
    private Erf() {}

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    /** Chebyshev coefficients of P(s) = erf(√s)/√s in t = 8s − 1, s = x² ∈ [0, 1/4]. */
    private static final double[] SMALL;
    /** Chebyshev coefficients of H(x) = x·e^(x²)·erfc(x) in t = (4x − 13)/11, x ∈ [1/2, 6]. */
    private static final double[] MID;
    private static final int CF_DEPTH = 60;
    // Declared before the static block, which uses them.
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal TWO_OVER_SQRT_PI = new BigDecimal(
            "1.12837916709551257389615890312154517168810125865799771368817144342");

    static {
        SMALL = chebyshev(32, t -> {
            BigDecimal s = BigDecimal.valueOf((t + 1) / 8);
            return erfOverXSquaredArg(s);
        });
        MID = chebyshev(64, t -> {
            double x = (11 * t + 13) / 4;
            return x * scaledErfc(x);
        });
    }

    /**
     * erf(x), odd, in (−1, 1).
     *
     * @param x any value
     * @return erf(x)
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r = a <= 0.5 ? a * clenshaw(SMALL, 8 * a * a - 1) : 1 - erfcPositive(a);
        return x < 0 ? -r : r;
    }

    /**
     * erfc(x) = 1 − erf(x), accurate also where it is tiny (large positive x).
     *
     * @param x any value
     * @return erfc(x)
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a <= 0.5) {
            double e = a * clenshaw(SMALL, 8 * a * a - 1);
            return x >= 0 ? 1 - e : 1 + e;
        }
        double r = erfcPositive(a);
        return x >= 0 ? r : 2 - r;
    }

    /** erfc(a) for a > 1/2. */
    private static double erfcPositive(double a) {
        if (a >= 27) return 0; // e^(−729) underflows a double
        double g; // e^(a²)·erfc(a)
        if (a <= 6) {
            g = clenshaw(MID, (4 * a - 13) / 11) / a;
        } else {
            // Laplace's continued fraction evaluated from the tail back (depth 60 is ample for a > 6).
            double f = a;
            for (int n = CF_DEPTH; n >= 1; n--) f = a + (n / 2.0) / f;
            g = 1 / (f * SQRT_PI);
        }
        return expMinusSquare(a) * g;
    }

    /** e^(−x²) with the exponent split so that the large part is squared exactly. */
    static double expMinusSquare(double x) {
        double h = Math.floor(x * 65536) / 65536;
        double del = (x - h) * (x + h);
        return Math.exp(-h * h) * Math.exp(-del);
    }

    // ---- building the tables (runs once) ----

    private interface Fn { double at(double t); }

    /**
     * Coefficients c_j of f(t) ≈ c_0/2 + Σ c_j T_j(t) from f at the n Chebyshev nodes
     * t_k = cos(π(2k + 1)/(2n)):  c_j = (2/n) Σ_k f(t_k)·cos(π·j·(2k + 1)/(2n)).
     * The angle is reduced with integer arithmetic first (cos has period 2π = 4n steps of
     * π/(2n)), because cos of a large rounded argument would add noise of about 1e-14.
     * The coefficients of these smooth functions fall geometrically until they reach the rounding
     * noise (about 1e-17); the series is cut at the first one below 1e-16·|c_0|.
     */
    private static double[] chebyshev(int n, Fn f) {
        double[] fk = new double[n];
        for (int k = 0; k < n; k++) fk[k] = f.at(Math.cos(Math.PI * (2 * k + 1) / (2.0 * n)));
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                long step = ((long) j * (2 * k + 1)) % (4L * n);
                s += fk[k] * Math.cos(Math.PI * step / (2.0 * n));
            }
            c[j] = 2.0 * s / n;
        }
        int m = 1;
        while (m < n && Math.abs(c[m]) >= 1e-16 * Math.abs(c[0])) m++;
        return java.util.Arrays.copyOf(c, m);
    }

    /** Clenshaw's recurrence for c_0/2 + Σ_{j≥1} c_j T_j(t). */
    private static double clenshaw(double[] c, double t) {
        double b1 = 0, b2 = 0, t2 = 2 * t;
        for (int j = c.length - 1; j >= 1; j--) {
            double b0 = t2 * b1 - b2 + c[j];
            b2 = b1;
            b1 = b0;
        }
        return t * b1 - b2 + c[0] / 2;
    }

    /** erf(√s)/√s = 2/√π · Σ (−s)ⁿ / (n!·(2n+1)), exact to 60 digits for 0 ≤ s ≤ 1. */
    private static double erfOverXSquaredArg(BigDecimal s) {
        BigDecimal sum = BigDecimal.ZERO, term = BigDecimal.ONE; // term = (−s)ⁿ/n!
        for (int n = 0; n < 200; n++) {
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
            term = term.multiply(s, MC).negate().divide(BigDecimal.valueOf(n + 1), MC);
            if (term.abs().compareTo(new BigDecimal("1e-45")) < 0) break;
        }
        return sum.multiply(TWO_OVER_SQRT_PI, MC).doubleValue();
    }

    /** e^(x²)·erfc(x) for 1/2 ≤ x ≤ 6, from the Taylor series of erf carried with 60 digits. */
    private static double scaledErfc(double xd) {
        BigDecimal x = new BigDecimal(xd), x2 = x.multiply(x, MC);
        // erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1)); the largest term is about e^(x²) ≈ 4e15,
        // so 60 digits leave more than 40 correct ones after the cancellation.
        BigDecimal sum = BigDecimal.ZERO, term = x; // term = (−1)ⁿ x^(2n+1)/n!
        for (int n = 0; n < 400; n++) {
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
            term = term.multiply(x2, MC).negate().divide(BigDecimal.valueOf(n + 1), MC);
            if (n > 10 && term.abs().compareTo(new BigDecimal("1e-50")) < 0) break;
        }
        BigDecimal erfc = BigDecimal.ONE.subtract(sum.multiply(TWO_OVER_SQRT_PI, MC), MC);
        // e^(x²) by its own Taylor series (all terms positive).
        BigDecimal e = BigDecimal.ZERO, t = BigDecimal.ONE;
        for (int n = 0; n < 400; n++) {
            e = e.add(t, MC);
            t = t.multiply(x2, MC).divide(BigDecimal.valueOf(n + 1), MC);
            if (n > 10 && t.compareTo(new BigDecimal("1e-40")) < 0) break;
        }
        return erfc.multiply(e, MC).doubleValue();
    }
}
