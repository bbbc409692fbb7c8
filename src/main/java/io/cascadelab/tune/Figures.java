package io.cascadelab.tune;

import io.cascadelab.trace.RunMetrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A configuration's figures over a set of prompt runs, with docs/ALGORITHMS.md, Metrics's definitions: speedup =
 * baseline decode time per token ÷ method decode time per token over the totals; AL = tokens ÷
 * target steps; AR = accepted ÷ tested drafted tokens; tokens/s over the totals; SWI, expected
 * speedup and the gap inputs averaged over prompts.
 *
 * @param identical prompts whose greedy output equalled the baseline's (-1 when not checked)
 */
public record Figures(int prompts, double speedup, double expected, double acceptedLength, double acceptanceRate,
                      double swiSize, double swiMeasured, double tokensPerSecond, int identical, double verifyRatio,
                      double drafterShare, double overheadShare, double lateAlpha) {

    /** Aggregates {@code runs} (NaN figures when empty). */
    public static Figures of(List<PromptRun> runs) {
        long nanos = 0;
        long baseNanos = 0;
        long tokens = 0;
        long baseTokens = 0;
        long steps = 0;
        long accepted = 0;
        long tested = 0;
        int identical = 0;
        boolean checked = false;
        for (PromptRun r : runs) {
            nanos += r.decodeNanos();
            baseNanos += r.baselineNanos();
            tokens += r.tokens();
            baseTokens += r.baselineTokens();
            steps += r.steps();
            accepted += r.accepted();
            tested += r.tested();
            if (r.identical() >= 0) {
                checked = true;
                identical += r.identical();
            }
        }
        double speedup = runs.isEmpty() ? Double.NaN
                : RunMetrics.speedup(baseNanos, (int) baseTokens, nanos, (int) tokens);
        return new Figures(runs.size(), speedup, mean(runs, PromptRun::expected),
                steps == 0 ? Double.NaN : tokens / (double) steps, tested == 0 ? Double.NaN : accepted / (double) tested,
                mean(runs, PromptRun::swiSize), mean(runs, PromptRun::swiMeasured),
                nanos == 0 ? Double.NaN : tokens / (nanos / 1e9), checked ? identical : -1,
                mean(runs, PromptRun::verifyRatio), mean(runs, PromptRun::drafterShare),
                mean(runs, PromptRun::overheadShare), mean(runs, PromptRun::lateAlpha));
    }

    // mean over the runs where the figure is known
    private static double mean(List<PromptRun> runs, ToDoubleFunction<PromptRun> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }
}
