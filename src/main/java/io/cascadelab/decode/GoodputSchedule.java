package io.cascadelab.decode;

import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Verdict;

/**
 * Chooses the k with the highest measured goodput, E(k) ÷ T(k): E(k) = 1 + Σ_{j≤k} Π_{i≤j} α_i from
 * the per-position acceptance counted so far, T(k) = a + b·k a least-squares line through the
 * measured step times against the drafted length. Until two different lengths have been measured it
 * explores by stepping k down by one, so the line has two points.
 */
final class GoodputSchedule extends BoundedSchedule {

    private final int[] tested;
    private final int[] accepted;
    // sums for the least-squares line of step nanos against drafted tokens
    private double n;
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;
    private int firstLength = -1;
    private boolean twoLengths;

    GoodputSchedule(int k0, int kMin, int kMax) {
        super(k0, kMin, kMax);
        this.tested = new int[kMax];
        this.accepted = new int[kMax];
    }

    @Override
    public void observe(StepEvent step) {
        ReviewRecord t = step.targetReview();
        int drafted = t.drafted().length;
        for (int j = 0; j < t.verdicts().size() && j < kMax; j++) {
            Verdict v = t.verdicts().get(j);
            tested[j]++;
            accepted[j] += v.accepted() ? 1 : 0;
        }
        n++;
        sx += drafted;
        sy += step.nanos();
        sxx += (double) drafted * drafted;
        sxy += drafted * (double) step.nanos();
        if (firstLength < 0) {
            firstLength = drafted;
        } else if (drafted != firstLength) {
            twoLengths = true;
        }
        setK(twoLengths ? best() : drafted == kMin ? kMin + 1 : k() - 1);
    }

    /** argmax over k of E(k) / T(k); ties go to the smaller k. */
    int best() {
        double denom = n * sxx - sx * sx;
        double b = denom <= 0 ? 0 : Math.max(0, (n * sxy - sx * sy) / denom);
        double a = Math.max(1, (sy - b * sx) / n);
        int bestK = kMin;
        double bestGoodput = -1;
        double e = 1;
        double prod = 1;
        for (int kk = 1; kk <= kMax; kk++) {
            prod *= alpha(kk - 1);
            e += prod;
            double goodput = e / (a + b * kk);
            if (kk >= kMin && goodput > bestGoodput * (1 + 1e-9)) {
                bestGoodput = goodput;
                bestK = kk;
            }
        }
        return bestK;
    }

    // positions never tested borrow the last measured acceptance (0 before any test)
    private double alpha(int j) {
        for (int i = j; i >= 0; i--) {
            if (tested[i] > 0) {
                return accepted[i] / (double) tested[i];
            }
        }
        return 0;
    }
}
