package io.cascadelab.trace;

/** How a run ended: the last line of a trace file. */
public record RunSummary(int[] tokens, String text, String stopReason, long prefillNanos, long decodeNanos) {
}
