package io.cascadelab.ui.model;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.SamplingSettings;

/**
 * A plain autoregressive run of the target, kept to measure speedup and check losslessness of
 * later runs with the same prompt, sampling settings and length.
 */
public record Baseline(RunKey key, GenerationResult result) {

    /** What makes two runs comparable (docs/ALGORITHMS.md, Metrics: same prompt, settings, seed and length). */
    public record RunKey(String target, String prompt, SamplingSettings sampling, int maxNewTokens) {
    }

    /** True when {@code key} may be compared with this baseline. */
    public boolean matches(RunKey key) {
        return this.key.equals(key);
    }

    /** Decode time after {@code tokens} baseline tokens (plain decoding emits one per step), in nanos. */
    public long nanosFor(int tokens) {
        var steps = result.steps();
        if (steps.isEmpty() || tokens <= 0) {
            return 0;
        }
        var s = steps.get(Math.min(tokens, steps.size()) - 1);
        long end = s.startNanos() + s.nanos();
        // beyond the baseline's length: extrapolate at its average rate
        return tokens <= steps.size() ? end : end * tokens / steps.size();
    }
}
