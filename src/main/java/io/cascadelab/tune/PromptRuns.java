package io.cascadelab.tune;

import io.cascadelab.decode.Runner;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.OracleK;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.StepEvent;

import java.util.List;
import java.util.Map;

/** Turns a measured run and its baseline into a {@link PromptRun}, with the inputs of the gap explanation. */
final class PromptRuns {

    private PromptRuns() {
    }

    static PromptRun of(SweepPrompt prompt, Runner.Output run, Runner.Output baseline, boolean greedy) {
        RunMetrics m = run.trace().metrics();
        List<StepEvent> steps = run.trace().steps();
        List<ModelCost> costs = run.trace().header().costs();
        int accepted = m.acceptedTokens().values().stream().mapToInt(Integer::intValue).sum();
        int tested = m.testedTokens().values().stream().mapToInt(Integer::intValue).sum();
        int identical = greedy ? (RunMetrics.firstDifference(baseline.result().tokens(), run.result().tokens()) == -1 ? 1 : 0) : -1;
        double verifyRatio = Double.NaN;
        double drafterShare = Double.NaN;
        double overheadShare = Double.NaN;
        if (!costs.isEmpty() && !steps.isEmpty() && costs.get(0).nanos1() > 0) {
            ModelCost target = costs.get(0);
            verifyRatio = target.nanosK1() / target.nanos1();
            double drafters = 0;
            for (Map.Entry<String, Integer> e : m.forwardPasses().entrySet()) {
                ModelCost c = costs.stream().filter(x -> x.model().equals(e.getKey())).findFirst().orElse(null);
                if (c != null && c.level() > 0) {
                    drafters += e.getValue() / (double) steps.size() * c.nanos1();
                }
            }
            drafterShare = drafters / target.nanos1();
            double modelled = RunMetrics.targetCostPerStep(steps, target) + drafters;
            double measured = m.decodeNanos() / (double) steps.size();
            overheadShare = Math.max(0, (measured - modelled) / measured);
        }
        return new PromptRun(prompt.category(), prompt.name(), m.decodeNanos(), m.emitted(), m.steps(),
                baseline.result().decodeNanos(), baseline.result().tokens().length, accepted, tested, m.swiSize(),
                m.swiMeasured(), m.expectedSpeedup(), identical, verifyRatio, drafterShare, overheadShare,
                lateAlpha(RunMetrics.pooledPositionAcceptance(steps), steps), OracleK.chosenPerStep(steps),
                OracleK.perStep(steps));
    }

    // mean α over the later half of the positions that were ever tested
    private static double lateAlpha(double[] alpha, List<StepEvent> steps) {
        int tested = 0;
        for (StepEvent s : steps) {
            tested = Math.max(tested, s.targetReview().verdicts().size());
        }
        if (tested == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int j = tested / 2; j < tested; j++) {
            sum += alpha[j];
            n++;
        }
        return sum / n;
    }
}
