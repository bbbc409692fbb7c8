package io.cascadelab.trace;

import java.util.List;

/**
 * Everything one target step did: the emitted tokens with provenance, the ghosts, every review
 * and model call. Immutable; the CLI prints it, the trace stores it, the UI renders it.
 *
 * @param startNanos start relative to the start of decoding (after prefill)
 */
public record StepEvent(int step, long startNanos, long nanos, List<EmittedToken> emitted, List<GhostToken> ghosts,
                        List<ReviewRecord> reviews, List<CallRecord> calls) {

    public StepEvent {
        emitted = List.copyOf(emitted);
        ghosts = List.copyOf(ghosts);
        reviews = List.copyOf(reviews);
        calls = List.copyOf(calls);
    }

    /** The target's review (the last review of the step). */
    public ReviewRecord targetReview() {
        for (ReviewRecord r : reviews) {
            if (r.level() == 0) {
                return r;
            }
        }
        throw new IllegalStateException("step " + step + " has no target review");
    }
}
