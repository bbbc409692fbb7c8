package io.cascadelab.race;

import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.Trace;

/**
 * One finished lane: its name and the trace of its run (every step with its timings), from
 * which its figures and its replay on the race's clock follow. Both are computed once: the race
 * window reads them every frame.
 */
public final class RaceLane {

    private final String label;
    private final Trace trace;
    private final RunMetrics metrics;
    private final LaneTimeline timeline;

    public RaceLane(String label, Trace trace) {
        this.label = label;
        this.trace = trace;
        this.metrics = trace.metrics();
        this.timeline = LaneTimeline.of(trace);
    }

    /** The lane's name. */
    public String label() {
        return label;
    }

    /** The lane's run. */
    public Trace trace() {
        return trace;
    }

    /** The lane's metrics, as a single run's (RunMetrics, METRICS.md). */
    public RunMetrics metrics() {
        return metrics;
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
        return timeline;
    }
}
