package io.cascadelab.tune;

import java.util.Locale;

/** A figure the heat map can show, and how it is written. */
public enum Metric {
    SPEEDUP("speedup (wall clock)", "%.2fx"),
    EXPECTED("expected speedup", "%.2fx"),
    AL("AL (tokens per target step)", "%.2f"),
    AR("AR (drafts accepted)", "%.2f"),
    SWI_SIZE("SWI-size", "%.2f"),
    SWI_MEASURED("SWI-measured", "%.2f"),
    TOKENS_PER_SECOND("tokens/s", "%.1f");

    private final String label;
    private final String format;

    Metric(String label, String format) {
        this.label = label;
        this.format = format;
    }

    /** The figure in {@code f}. */
    public double of(Figures f) {
        return switch (this) {
            case SPEEDUP -> f.speedup();
            case EXPECTED -> f.expected();
            case AL -> f.acceptedLength();
            case AR -> f.acceptanceRate();
            case SWI_SIZE -> f.swiSize();
            case SWI_MEASURED -> f.swiMeasured();
            case TOKENS_PER_SECOND -> f.tokensPerSecond();
        };
    }

    /** The value written for people ("n/a" when unknown). */
    public String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    /** Human name, e.g. "speedup (wall clock)". */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
