package io.cascadelab.ui.model;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.StepEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates a run's steps and produces {@link StatsSnapshot}s. Plain Java, used by one thread
 * (the FX thread in the app); metrics are computed by {@link RunMetrics} exactly as the CLI does.
 */
public final class RunStatistics {

    private final String target;
    private final Map<String, ModelCost> costs;
    private final boolean greedy;
    private final List<StepEvent> steps = new ArrayList<>();
    private final Map<String, Long> timeShare = new LinkedHashMap<>();
    private final List<Integer> emittedSoFar = new ArrayList<>();
    private Baseline baseline;
    private GenerationResult finished;
    private int emitted;

    /**
     * @param costs    measured model costs by model name (may be empty)
     * @param baseline a matching baseline run, or null
     */
    public RunStatistics(String target, Map<String, ModelCost> costs, boolean greedy, Baseline baseline) {
        this.target = target;
        this.costs = Map.copyOf(costs);
        this.greedy = greedy;
        this.baseline = baseline;
    }

    /** Adds the next step. */
    public void add(StepEvent step) {
        steps.add(step);
        emitted += step.emitted().size();
        emittedSoFar.add(emitted);
        for (CallRecord c : step.calls()) {
            timeShare.merge(c.model(), c.nanos(), Long::sum);
        }
    }

    /** The run ended with {@code result}: exact decode and prefill times, lossless check. */
    public void finish(GenerationResult result) {
        this.finished = result;
    }

    /** A baseline arrived (or was replaced) for this run's settings. */
    public void setBaseline(Baseline b) {
        this.baseline = b;
    }

    public List<StepEvent> steps() {
        return List.copyOf(steps);
    }

    /** The figures now. */
    public StatsSnapshot snapshot() {
        long decode = finished != null ? finished.decodeNanos() : elapsedAfter(steps.size() - 1);
        long prefill = finished != null ? finished.prefillNanos() : 0;
        RunMetrics m = RunMetrics.compute(steps, decode, prefill, costs, target);
        List<double[]> series = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            double s = speedupAt(emittedSoFar.get(i), elapsedAfter(i));
            if (!Double.isNaN(s)) {
                series.add(new double[] {emittedSoFar.get(i), s});
            }
        }
        double speedup;
        if (baseline != null && finished != null) {
            speedup = RunMetrics.speedup(baseline.result().decodeNanos(), baseline.result().tokens().length,
                    finished.decodeNanos(), finished.tokens().length);
        } else {
            speedup = speedupAt(emitted, decode);
        }
        StatsSnapshot.Lossless lossless = null;
        if (greedy && baseline != null && finished != null) {
            lossless = new StatsSnapshot.Lossless(RunMetrics.firstDifference(baseline.result().tokens(), finished.tokens()));
        }
        int targetCalls = m.forwardPasses().getOrDefault(target, 0);
        return new StatsSnapshot(m, speedup, baseline != null, targetCalls, series, timeShare, lossless);
    }

    /** Measured (baseline time for as many tokens) or estimated (tokens × c_target(1)) over elapsed time. */
    private double speedupAt(int tokens, long elapsedNanos) {
        if (elapsedNanos <= 0 || tokens == 0) {
            return Double.NaN;
        }
        if (baseline != null) {
            return baseline.nanosFor(tokens) / (double) elapsedNanos;
        }
        ModelCost c = costs.get(target);
        return c == null || c.nanos1() <= 0 ? Double.NaN : tokens * c.nanos1() / elapsedNanos;
    }

    private long elapsedAfter(int i) {
        if (i < 0) {
            return 0;
        }
        StepEvent s = steps.get(i);
        return s.startNanos() + s.nanos();
    }
}
