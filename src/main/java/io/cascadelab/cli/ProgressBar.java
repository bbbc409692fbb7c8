package io.cascadelab.cli;

import java.io.PrintStream;

/** A one-line terminal progress bar with ETA, redrawn at most a few times per second. */
public final class ProgressBar {

    private final PrintStream out;
    private long lastDraw;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** Redraws the bar for {@code done}/{@code total} with a status text and ETA. */
    public synchronized void update(long done, long total, String status, double etaSeconds) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        out.printf("\r[%s] %d/%d %s ETA %s   ", bar, done, total, status, formatDuration(etaSeconds));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    /** Prints a log line above the bar. */
    public synchronized void log(String line) {
        out.print("\r");
        out.println(line);
        lastDraw = 0;
    }

    static String formatDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
