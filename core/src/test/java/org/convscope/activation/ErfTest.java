package org.convscope.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErfTest {
    private static final double TOL = 4e-15;   // relative

    private static double rel(double got, BigDecimal want) {
        if (want.signum() == 0) return Math.abs(got);
        return new BigDecimal(got).subtract(want).abs().divide(want.abs(), MathContext.DECIMAL64).doubleValue();
    }

    @Test
    void matchesBigDecimalSeriesOnASweep() {
        Random r = new Random(7);
        double worstErf = 0, worstErfc = 0, atErf = 0, atErfc = 0;
        int n = 0;
        for (int i = 0; i < 400; i++, n++) {
            double x = i < 200 ? (r.nextDouble() * 2 - 1) * 7 : (r.nextDouble() * 2 - 1) * 1.2;
            double e = rel(Erf.erf(x), BigErf.erf(x)), c = rel(Erf.erfc(x), BigErf.erfc(x));
            if (e > worstErf) { worstErf = e; atErf = x; }
            if (c > worstErfc) { worstErfc = c; atErfc = x; }
        }
        System.out.printf("Erf: %d points, worst relative error erf %.2e at %.6f, erfc %.2e at %.6f%n",
                n, worstErf, atErf, worstErfc, atErfc);
        assertTrue(worstErf < TOL, "erf worst relative error " + worstErf + " at x=" + atErf);
        assertTrue(worstErfc < TOL, "erfc worst relative error " + worstErfc + " at x=" + atErfc);
    }

    @Test
    void chosenPointsIncludingBranchEdges() {
        for (double x : new double[] {0, 1e-300, 1e-8, 1e-3, 0.4999999, 0.5, 0.5000001, 1, 2, 3, 5.9999999, 6, 6.0000001, 6.9}) {
            for (double s : new double[] {x, -x}) {
                assertTrue(rel(Erf.erf(s), BigErf.erf(s)) < TOL, "erf(" + s + ") = " + Erf.erf(s) + ", want " + BigErf.erf(s));
                assertTrue(rel(Erf.erfc(s), BigErf.erfc(s)) < TOL, "erfc(" + s + ") = " + Erf.erfc(s) + ", want " + BigErf.erfc(s));
            }
        }
    }

    @Test
    void farTailAgainstPublishedValues() {
        // erfc to 20 digits from mpmath 1.3 (mp.dps = 30), an independent arbitrary-precision library.
        String[][] ref = {
                {"8", "1.122429717298292708e-29"}, {"10", "2.088487583762544757e-45"},
                {"15", "7.2129941724512066666e-100"}, {"20", "5.3958656116079009289e-176"},
                {"26", "5.6631924088561428465e-296"}};
        for (String[] p : ref) {
            double x = Double.parseDouble(p[0]);
            double e = rel(Erf.erfc(x), new BigDecimal(p[1]));
            assertTrue(e < TOL, "erfc(" + x + ") = " + Erf.erfc(x) + ", want " + p[1] + " (rel " + e + ")");
            assertEquals(2.0, Erf.erfc(-x), 0.0);
            assertEquals(1.0, Erf.erf(x), 0.0);
        }
        assertEquals(0.0, Erf.erfc(30), 0.0);
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN)));
    }
}
