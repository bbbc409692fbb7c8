package io.cascadelab.decode;

import io.cascadelab.trace.StepEvent;

import java.util.List;

/**
 * A finished (or stopped) run.
 *
 * @param tokens the generated tokens (prompt excluded), cut at EOS (inclusive) and the token limit
 */
public record GenerationResult(int[] prompt, int[] tokens, List<StepEvent> steps, long prefillNanos,
                               long decodeNanos, StopReason stopReason) {

    /** Why generation stopped. */
    public enum StopReason { MAX_TOKENS, EOS, CONTEXT_FULL, CANCELLED }

    public GenerationResult {
        prompt = prompt.clone();
        tokens = tokens.clone();
        steps = List.copyOf(steps);
    }
}
