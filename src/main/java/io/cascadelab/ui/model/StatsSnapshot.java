package io.cascadelab.ui.model;

import io.cascadelab.trace.RunMetrics;

import java.util.List;
import java.util.Map;

/**
 * The statistics panel's figures at one moment of a run, all from {@link RunMetrics} (docs/ALGORITHMS.md, Metrics).
 *
 * @param speedup          wall-clock speedup over plain decoding: measured against a baseline run, or estimated
 * @param speedupMeasured  true when a matching baseline exists; false means "estimated"
 * @param targetCalls      forward passes of the target
 * @param speedupSeries    {tokens emitted, speedup} after each step
 * @param timeShareNanos   wall time spent in each model's calls
 * @param lossless         null when no lossless check applies; else the check's outcome
 */
public record StatsSnapshot(RunMetrics metrics, double speedup, boolean speedupMeasured, int targetCalls,
                            List<double[]> speedupSeries, Map<String, Long> timeShareNanos, Lossless lossless) {

    /**
     * Outcome of comparing a greedy run token by token with its baseline.
     *
     * @param firstDifference -1 when identical, else the first differing generated index
     */
    public record Lossless(int firstDifference) {

        public boolean identical() {
            return firstDifference < 0;
        }

        /** The badge text. */
        public String text() {
            return identical() ? "identical to target" : "differs from target at token " + firstDifference;
        }
    }

    public StatsSnapshot {
        speedupSeries = List.copyOf(speedupSeries);
        timeShareNanos = Map.copyOf(timeShareNanos);
    }
}
