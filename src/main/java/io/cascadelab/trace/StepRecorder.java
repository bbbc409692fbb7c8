package io.cascadelab.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Collects the reviews, calls and ghosts of one step while the cascade runs, then freezes them. */
public final class StepRecorder {

    private final long stepStartNanos;
    private final List<ReviewRecord> reviews = new ArrayList<>();
    private final List<CallRecord> calls = new ArrayList<>();
    private final List<GhostToken> ghosts = new ArrayList<>();
    private final Deque<int[]> parents = new ArrayDeque<>(); // {reviewId, segment}
    private int nextId;

    public StepRecorder(long stepStartNanos) {
        this.stepStartNanos = stepStartNanos;
    }

    /** Allocates the id of a review about to build its draft. */
    public int openReview() {
        return nextId++;
    }

    /** The review (and its segment) that the current drafting feeds, or {-1, -1}. */
    public int[] currentParent() {
        return parents.isEmpty() ? new int[] {-1, -1} : parents.peek();
    }

    /** Drafting for review {@code id}, segment {@code segment} begins. */
    public void enterSegment(int id, int segment) {
        parents.push(new int[] {id, segment});
    }

    /** Drafting for the current segment ends. */
    public void leaveSegment() {
        parents.pop();
    }

    /** Nanoseconds since the step started. */
    public long sinceStart(long nanoTime) {
        return nanoTime - stepStartNanos;
    }

    public void call(CallRecord c) {
        calls.add(c);
    }

    /**
     * Records a call of a proposer that reads no tokens (Max-Gram, a simulator stand-in) for the
     * current segment: {@code drafted} tokens, from {@code t0} (System.nanoTime) until now.
     */
    public void proposal(int level, String model, int drafted, long t0) {
        call(new CallRecord(currentParent()[0], level, model, 0, drafted, sinceStart(t0), System.nanoTime() - t0));
    }

    public void review(ReviewRecord r) {
        reviews.add(r);
    }

    public void ghost(GhostToken g) {
        ghosts.add(g);
    }

    /** The finished step. */
    public StepEvent finish(int step, long startNanos, long nanos, List<EmittedToken> emitted) {
        return new StepEvent(step, startNanos, nanos, emitted, ghosts, reviews, calls);
    }
}
