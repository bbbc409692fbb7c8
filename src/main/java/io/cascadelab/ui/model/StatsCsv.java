package io.cascadelab.ui.model;

import io.cascadelab.trace.RunMetrics;

import java.util.Locale;
import java.util.Map;

/** A run's statistics as CSV ({@code metric,key,value}), one figure a line, for spreadsheets. */
public final class StatsCsv {

    private StatsCsv() {
    }

    /** The CSV text of {@code s}. */
    public static String of(StatsSnapshot s, String methodLabel) {
        RunMetrics m = s.metrics();
        StringBuilder b = new StringBuilder("metric,key,value\n");
        row(b, "method", "", methodLabel);
        row(b, "target_steps", "", m.steps());
        row(b, "emitted_tokens", "", m.emitted());
        row(b, "AL", "", m.acceptedLength());
        row(b, "tokens_per_second", "", m.tokensPerSecond());
        row(b, s.speedupMeasured() ? "speedup_measured" : "speedup_estimated", "", s.speedup());
        row(b, "expected_speedup", "", m.expectedSpeedup());
        row(b, "SWI_size", "", m.swiSize());
        row(b, "SWI_measured", "", m.swiMeasured());
        row(b, "target_calls", "", s.targetCalls());
        m.acceptanceRate().forEach((who, ar) -> row(b, "AR", who, ar));
        m.positionAcceptance().forEach((who, a) -> {
            for (int j = 0; j < a.length; j++) {
                row(b, "alpha_" + (j + 1), who, a[j]);
            }
        });
        int[] h = m.histogram();
        for (int j = 0; j < h.length; j++) {
            row(b, "histogram", Integer.toString(j), h[j]);
        }
        m.forwardPasses().forEach((who, n) -> row(b, "forward_passes", who, n));
        for (Map.Entry<String, Long> e : s.timeShareNanos().entrySet()) {
            row(b, "time_ms", e.getKey(), e.getValue() / 1e6);
        }
        if (s.lossless() != null) {
            row(b, "lossless", "", s.lossless().text());
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String metric, String key, Object value) {
        String v = value instanceof Double d ? (d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d)) : String.valueOf(value);
        b.append(metric).append(',').append(quote(key)).append(',').append(quote(v)).append('\n');
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
