package io.cascadelab.decode;

/** Pearson's chi-square goodness of fit for the statistical tests. */
final class ChiSquare {

    /** Significance used by every statistical test: fixed seeds make the tests deterministic anyway. */
    static final double ALPHA = 1e-4;

    private ChiSquare() {
    }

    /**
     * Statistic of observed counts against expected probabilities (normalised here). A cell with
     * expected probability 0 but observations makes the statistic infinite.
     */
    static double statistic(long[] observed, double[] expectedProbs) {
        long n = 0;
        double total = 0;
        for (int i = 0; i < observed.length; i++) {
            n += observed[i];
            total += expectedProbs[i];
        }
        double stat = 0;
        for (int i = 0; i < observed.length; i++) {
            double e = n * expectedProbs[i] / total;
            if (e == 0) {
                if (observed[i] > 0) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double d = observed[i] - e;
            stat += d * d / e;
        }
        return stat;
    }

    /** Degrees of freedom: cells with positive expected probability, minus one. */
    static int degreesOfFreedom(double[] expectedProbs) {
        int cells = 0;
        for (double p : expectedProbs) {
            cells += p > 0 ? 1 : 0;
        }
        return cells - 1;
    }

    /** P(χ²_dof ≥ stat), the upper regularised incomplete gamma Q(dof/2, stat/2). */
    static double pValue(double stat, int dof) {
        if (Double.isInfinite(stat)) {
            return 0;
        }
        return upperGamma(dof / 2.0, stat / 2.0);
    }

    /** p-value of observed counts against expected probabilities. */
    static double pValue(long[] observed, double[] expectedProbs) {
        return pValue(statistic(observed, expectedProbs), degreesOfFreedom(expectedProbs));
    }

    /** Critical value at {@link #ALPHA} by bisection on the p-value. */
    static double critical(int dof) {
        double lo = 0;
        double hi = 1000;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (pValue(mid, dof) > ALPHA) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    // Numerical Recipes: series for x < a + 1, Lentz continued fraction otherwise.
    private static double upperGamma(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double lnPrefix = -x + a * Math.log(x) - lnGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.exp(lnPrefix);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnPrefix) * h;
    }

    // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for a > 0.
    private static double lnGamma(double a) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (a < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - lnGamma(1 - a);
        }
        a -= 1;
        double x = c[0];
        for (int i = 1; i < 9; i++) {
            x += c[i] / (a + i);
        }
        double t = a + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (a + 0.5) * Math.log(t) - t + Math.log(x);
    }
}
