package io.cascadelab.race;

import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.Trace;

/**
 * One finished lane: its name and the trace of its run (every step with its timings), from
 * which its figures and its replay on the race's clock follow.
 */
public record RaceLane(String label, Trace trace) {

    /** The lane's metrics, as a single run's (RunMetrics, METRICS.md). */
    public RunMetrics metrics() {
        return trace.metrics();
    }

    /** The tokens the lane emitted. */
    public int[] tokens() {
        return trace.summary().tokens();
    }

    /** True for plain decoding. */
    public boolean isAr() {
        return trace.header().method().equals("ar");
    }

    /** The lane's timeline on the race clock (prefill included). */
    public LaneTimeline timeline() {
        return LaneTimeline.of(trace);
    }
}
