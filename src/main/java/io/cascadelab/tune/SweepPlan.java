package io.cascadelab.tune;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.SamplingSettings;

import java.util.List;

/**
 * What a sweep measures: the grid, the base method (also the "default" the recommendation compares
 * with), the prompts, sampling (greedy, or sampling with a seed), length, and per run warm-ups and
 * timed repeats (the median counts).
 */
public record SweepPlan(GridSpec grid, MethodSpec base, List<SweepPrompt> prompts, SamplingSettings sampling,
                        int maxNewTokens, int warmups, int repeats) {

    public SweepPlan {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("the sweep has no prompts: pick a prompt or a prompt folder");
        }
        if (repeats < 1 || warmups < 0) {
            throw new IllegalArgumentException("repeats must be >= 1 and warm-ups >= 0, got " + repeats + " and " + warmups);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be >= 1, got " + maxNewTokens);
        }
        if (base.method() == MethodSpec.Method.AR) {
            throw new IllegalArgumentException("plain decoding (ar) has nothing to tune: sweep sd, csd or spec");
        }
    }

    /** Decoding runs the sweep makes in total (the default and every cell, each paired with a baseline; warm-ups included). */
    public int totalRuns() {
        return prompts.size() * (grid.size() + 1) * 2 * (warmups + repeats);
    }
}
