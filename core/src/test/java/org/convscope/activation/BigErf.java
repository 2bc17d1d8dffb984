package org.convscope.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Test oracle: erf and erfc to about 40 significant digits with BigDecimal, by a different series
 * than the one Erf's tables are built from — Kummer's form with only positive terms,
 * erf(x) = 2/√π · e^(−x²) · Σ_{n≥0} 2ⁿ·x^(2n+1) / (1·3·5···(2n+1)). Used for |x| ≤ 7.
 */
final class BigErf {
    private BigErf() {}

    private static final MathContext MC = new MathContext(90);
    private static final BigDecimal TWO_OVER_SQRT_PI = new BigDecimal(
            "1.12837916709551257389615890312154517168810125865799771368817144342");

    /** erf(x) as a BigDecimal. */
    static BigDecimal erf(double xd) {
        if (xd < 0) return erf(-xd).negate();
        BigDecimal x = new BigDecimal(xd), twoX2 = x.multiply(x, MC).multiply(BigDecimal.valueOf(2), MC);
        BigDecimal sum = BigDecimal.ZERO, term = x;                  // term = 2ⁿ x^(2n+1) / (2n+1)!!
        for (int n = 0; n < 5000; n++) {
            sum = sum.add(term, MC);
            term = term.multiply(twoX2, MC).divide(BigDecimal.valueOf(2L * n + 3), MC);
            if (n > 5 && term.compareTo(sum.movePointLeft(60)) < 0) break;
        }
        return sum.multiply(expMinusSquare(x), MC).multiply(TWO_OVER_SQRT_PI, MC);
    }

    /** erfc(x) = 1 − erf(x) as a BigDecimal (exact enough for |x| ≤ 7 with 90 digits). */
    static BigDecimal erfc(double x) { return BigDecimal.ONE.subtract(erf(x), MC); }

    private static BigDecimal expMinusSquare(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC), e = BigDecimal.ZERO, t = BigDecimal.ONE;
        for (int n = 0; n < 5000; n++) {
            e = e.add(t, MC);
            t = t.multiply(x2, MC).divide(BigDecimal.valueOf(n + 1), MC);
            if (n > 5 && t.compareTo(e.movePointLeft(60)) < 0) break;
        }
        return BigDecimal.ONE.divide(e, MC);
    }
}
