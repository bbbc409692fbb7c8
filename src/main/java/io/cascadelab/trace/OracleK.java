package io.cascadelab.trace;

import java.util.List;

/**
 * The oracle k of each step, read from a trace: the longest draft that would have been accepted
 * whole, i.e. the accepted drafted tokens, which is also the 0-based position of the first rejection
 * (a step that rejected nothing was accepted up to its full length, so its oracle is at least that).
 * Drawn against the chosen k (the drafted length) it shows how much of each verify was wasted.
 */
public final class OracleK {

    private OracleK() {
    }

    /** Oracle k of one step. */
    public static int of(StepEvent step) {
        return step.targetReview().accepted();
    }

    /** Oracle k per step. */
    public static int[] perStep(List<StepEvent> steps) {
        return steps.stream().mapToInt(OracleK::of).toArray();
    }

    /** The k each step actually drafted (the target's draft length). */
    public static int[] chosenPerStep(List<StepEvent> steps) {
        return steps.stream().mapToInt(s -> s.targetReview().drafted().length).toArray();
    }
}
