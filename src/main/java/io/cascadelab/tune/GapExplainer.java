package io.cascadelab.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says in words why the measured speedup differs from the expected one, and what holds the speedup
 * down, from the measured costs and acceptance (the "it made things slower and nothing told
 * me why").
 */
public final class GapExplainer {

    /** Relative gap between expected and measured above which the gap is explained. */
    public static final double LARGE_GAP = 0.15;

    private GapExplainer() {
    }

    /** Whether expected and measured differ by more than {@link #LARGE_GAP}. */
    public static boolean isLarge(Figures f) {
        return !Double.isNaN(f.expected()) && !Double.isNaN(f.speedup()) && f.speedup() > 0
                && Math.abs(f.expected() / f.speedup() - 1) > LARGE_GAP;
    }

    /** The reasons, most important first; empty when expected and measured agree. */
    public static List<String> reasons(Figures f) {
        List<String> out = new ArrayList<>();
        if (!isLarge(f)) {
            return out;
        }
        if (f.expected() > f.speedup()) {
            if (f.overheadShare() > 0.1) {
                out.add(String.format(Locale.ROOT, "per-step overhead: %.0f%% of each step's time is spent outside model "
                        + "calls (sampling, cache rollback, bookkeeping), which the prediction does not count",
                        100 * f.overheadShare()));
            }
            if (f.drafterShare() > 0.1) {
                out.add(String.format(Locale.ROOT, "drafter cost: the drafters' forward passes add %.0f%% of a target "
                        + "step to every step", 100 * f.drafterShare()));
            }
            if (f.verifyRatio() > 1.2) {
                out.add(String.format(Locale.ROOT, "verify cost grows with k: checking k+1 tokens costs %.2fx a one-token "
                        + "step", f.verifyRatio()));
            }
            if (f.lateAlpha() < 0.5) {
                out.add(String.format(Locale.ROOT, "low acceptance at late positions: the later half of the draft is "
                        + "accepted only %.0f%% of the time, so most of each longer verify is wasted; try a smaller k",
                        100 * f.lateAlpha()));
            }
            if (out.isEmpty()) {
                out.add("run-to-run noise: the machine was busy, or the runs were too short to time well; add repeats");
            }
        } else {
            out.add("the run beat the prediction: the costs probed before the run (random tokens at the prompt's "
                    + "length) were higher than the model calls during the run, or the baseline run was slowed down");
        }
        return out;
    }

    /** One sentence: agreement, or the gap and its reasons. */
    public static String explain(Figures f) {
        if (Double.isNaN(f.expected()) || Double.isNaN(f.speedup())) {
            return "no expected speedup: model costs were not measured";
        }
        if (!isLarge(f)) {
            return String.format(Locale.ROOT, "measured %.2fx agrees with the expected %.2fx", f.speedup(), f.expected());
        }
        String reasons = String.join("; ", reasons(f));
        return String.format(Locale.ROOT, "measured %.2fx vs expected %.2fx. ", f.speedup(), f.expected())
                + (f.expected() > f.speedup() ? "Where the step time goes: " + reasons
                : Character.toUpperCase(reasons.charAt(0)) + reasons.substring(1)) + ".";
    }
}
