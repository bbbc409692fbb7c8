package io.cascadelab.race;

import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.ModelCost;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs a race: each lane's method on the same prompt, settings and seed, one after another so
 * that no lane shares the CPU or GPU with another, each through {@link Runner} as a single run
 * after a short warm-up of its own, with drafters that forget earlier runs.
 */
public final class RaceRunner {

    /** Hears which lane starts and how many tokens the running lane has made. */
    public interface Progress {
        void lane(int index, int of, String label, int tokens);
    }

    /** Tokens of each lane's warm-up run. */
    static final int WARM_UP_TOKENS = 16;

    private RaceRunner() {
    }

    /**
     * Runs {@code lanes} in order; a cancelled race keeps the lanes that finished.
     *
     * @param costs measured model costs for the traces' headers (may be empty)
     */
    public static Race run(ModelFamily family, List<LaneSpec> lanes, int[] prompt, String promptText,
                           SamplingSettings sampling, int maxNewTokens, List<ModelCost> costs, Progress progress,
                           BooleanSupplier cancelled, String device) {
        List<RaceLane> done = new ArrayList<>();
        for (int i = 0; i < lanes.size() && !cancelled.getAsBoolean(); i++) {
            LaneSpec lane = lanes.get(i);
            int index = i;
            int[] tokens = {0};
            progress.lane(i, lanes.size(), lane.label(), 0);
            // a short untimed run first warms the lane's models (JIT, allocator), so that running first costs no lane;
            // drafters forget it, and every earlier lane, before the timed run
            DrafterKinds.forgetRuns(family);
            Runner.run(family, new Runner.Request(lane.method(), sampling, Math.min(WARM_UP_TOKENS, maxNewTokens)), prompt,
                    promptText, costs, null, ev -> { }, cancelled, device);
            DrafterKinds.forgetRuns(family);
            if (cancelled.getAsBoolean()) {
                break;
            }
            Runner.Output out = Runner.run(family, new Runner.Request(lane.method(), sampling, maxNewTokens), prompt,
                    promptText, costs, null, ev -> {
                        tokens[0] += ev.emitted().size();
                        progress.lane(index, lanes.size(), lane.label(), tokens[0]);
                    }, cancelled, device);
            if (!cancelled.getAsBoolean()) {
                done.add(new RaceLane(lane.label(), out.trace()));
            }
        }
        return new Race(done, sampling.greedy());
    }
}
