package io.cascadelab.tune;

import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.trace.ModelCost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Times one configuration on one prompt: warm-up runs, then timed repeats, and keeps the median run. */
public final class RunMeasurer {

    private RunMeasurer() {
    }

    /**
     * The run with the median decode time of {@code repeats} timed runs after {@code warmups}
     * untimed ones; null when cancelled. {@code afterRun} is called after every run. Every run
     * starts with drafters that have forgotten earlier runs, so each repeat sees the prompt afresh.
     */
    public static Runner.Output median(ModelFamily family, Runner.Request request, int[] prompt, String text,
                                       List<ModelCost> costs, int warmups, int repeats, BooleanSupplier cancelled,
                                       String device, Runnable afterRun) {
        return median(family, request, prompt, text, costs, warmups, repeats, cancelled, device, afterRun, true);
    }

    /**
     * As above; with {@code freshRuns} false, drafters keep what earlier runs taught them, so the
     * timed runs measure a prompt seen before (the warm-ups and earlier repeats).
     */
    public static Runner.Output median(ModelFamily family, Runner.Request request, int[] prompt, String text,
                                       List<ModelCost> costs, int warmups, int repeats, BooleanSupplier cancelled,
                                       String device, Runnable afterRun, boolean freshRuns) {
        List<Runner.Output> runs = new ArrayList<>();
        for (int i = 0; i < warmups + repeats; i++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            if (freshRuns) {
                DrafterKinds.forgetRuns(family);
            }
            Runner.Output o = Runner.run(family, request, prompt, text, costs, null, s -> { }, cancelled, device);
            if (cancelled.getAsBoolean()) {
                return null; // a run cut short is not a measurement
            }
            if (i >= warmups) {
                runs.add(o);
            }
            afterRun.run();
        }
        runs.sort(Comparator.comparingLong(o -> o.result().decodeNanos()));
        return runs.get(runs.size() / 2);
    }
}
