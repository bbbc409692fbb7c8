package io.cascadelab.tune;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.trace.ModelCost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link SweepPlan}: the default configuration, then the grid cells in row-major order, each
 * on every prompt, each run paired with plain decoding of the same prompt measured just before it
 * (so a machine that gets busier or quieter during a long sweep does not skew the speedups). A
 * cancel drops the configuration in progress and keeps the finished ones.
 */
public final class SweepRunner {

    private final ModelFamily family;
    private final SweepPlan plan;
    private final String device;
    private final Map<String, List<ModelCost>> costCache = new HashMap<>();

    public SweepRunner(ModelFamily family, SweepPlan plan, String device) {
        this.family = family;
        this.plan = plan;
        this.device = device;
    }

    /** Runs the sweep; returns what was measured, marked cancelled when {@code cancelled} turned true. */
    public SweepResult run(SweepListener listener, BooleanSupplier cancelled) {
        List<GridCell> cells = plan.grid().expand(plan.base());
        for (GridCell c : cells) {
            c.spec().levels(family); // refuses a drafter, depth or speculator the family lacks, before any run
        }
        long start = System.nanoTime();
        int[] done = {0};
        int total = plan.totalRuns();
        String[] current = {"baseline"};
        Runnable tick = () -> {
            done[0]++;
            listener.progress(SweepProgress.of(done[0], total, (System.nanoTime() - start) / 1e9, current[0]));
        };
        current[0] = "default " + plan.base().label();
        listener.progress(SweepProgress.of(0, total, 0, current[0]));
        CellResult reference = measureCell(-1, -1, "", "", plan.base(), cancelled, tick);
        if (reference == null) {
            return result(List.of(), null, true);
        }
        listener.cellFinished(reference);
        List<CellResult> finished = new ArrayList<>();
        for (GridCell c : cells) {
            current[0] = plan.grid().rowAxis().name() + "=" + c.rowValue() + ", " + plan.grid().colAxis().name() + "="
                    + c.colValue();
            CellResult r = measureCell(c.row(), c.col(), c.rowValue(), c.colValue(), c.spec(), cancelled, tick);
            if (r == null) {
                return result(finished, reference, true);
            }
            finished.add(r);
            listener.cellFinished(r);
        }
        return result(finished, reference, false);
    }

    private SweepResult result(List<CellResult> cells, CellResult reference, boolean cancelled) {
        GridSpec g = plan.grid();
        return new SweepResult(g.rowAxis().name(), g.rowValues(), g.colAxis().name(), g.colValues(), cells, reference,
                cancelled);
    }

    private CellResult measureCell(int row, int col, String rv, String cv, MethodSpec spec, BooleanSupplier cancelled,
                                   Runnable tick) {
        List<PromptRun> runs = new ArrayList<>();
        for (SweepPrompt p : plan.prompts()) {
            Runner.Output baseline = measure(MethodSpec.ar(), p, cancelled, tick);
            Runner.Output o = baseline == null ? null : measure(spec, p, cancelled, tick);
            if (o == null) {
                return null;
            }
            runs.add(PromptRuns.of(p, o, baseline, plan.sampling().greedy()));
        }
        return new CellResult(row, col, rv, cv, spec.label(), CellConfig.of(spec), runs);
    }

    private Runner.Output measure(MethodSpec spec, SweepPrompt p, BooleanSupplier cancelled, Runnable tick) {
        List<ModelCost> costs = costCache.computeIfAbsent(p.name() + "|" + p.category() + "|" + spec.method() + "|"
                + spec.draftTokens() + "|" + spec.effectiveDepth() + "|" + spec.sdDrafter(),
                key -> Runner.measureCosts(family, spec, p.ids().length));
        Runner.Request req = new Runner.Request(spec, plan.sampling(), plan.maxNewTokens());
        return RunMeasurer.median(family, req, p.ids(), p.text(), costs, plan.warmups(), plan.repeats(), cancelled,
                device, tick);
    }
}
