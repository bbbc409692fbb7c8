package io.cascadelab.ui.model;

import io.cascadelab.trace.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What the window renders in one frame of a run: the prompt once it is laid out, then a bounded
 * batch of queued steps (more when a backlog builds up), statistics a few times a second, and the
 * end of the run once the feed is empty. Keeps the steps rendered so far.
 */
public final class FrameDrain {

    /** Steps rendered per frame at least, and at most when a backlog has built up. */
    static final int MIN_BATCH = 4;
    static final int MAX_BATCH = 12;
    static final long STATS_INTERVAL_NANOS = 250_000_000L;

    /** Where a frame's work goes (the token view, statistics panel, inspector). */
    public interface Sink {
        /** The prompt (or an encoder-decoder's encoder input), once. */
        void prompt(PromptView prompt);

        /** A batch of steps; {@code fullStats}: refresh the statistics now (else only the chart due). */
        void steps(List<RunFeed.StepUpdate> updates, boolean fullStats);

        /** The run ended and everything it produced is rendered. */
        void finished(RunSession session);
    }

    private final List<StepEvent> steps = new ArrayList<>();
    private boolean promptShown;
    private int emitted;
    private long lastStats;

    /** A new run's rendering starts at {@code now} (System.nanoTime); the first figures come a little later. */
    public void begin(long now) {
        steps.clear();
        emitted = 0;
        promptShown = false;
        lastStats = now;
    }

    /** One frame of {@code s} at {@code now}. */
    public void frame(RunSession s, long now, Sink sink) {
        if (!promptShown) {
            if (s.prompt() == null) {
                if (s.isDone()) {
                    sink.finished(s);
                }
                return;
            }
            sink.prompt(s.prompt());
            promptShown = true;
        }
        int batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, s.feed().backlog() / 8));
        List<RunFeed.StepUpdate> updates = s.feed().drain(batch);
        for (RunFeed.StepUpdate u : updates) {
            steps.add(u.event());
            emitted += u.event().emitted().size();
            s.statistics().add(u.event());
        }
        if (!updates.isEmpty()) {
            boolean full = now - lastStats > STATS_INTERVAL_NANOS;
            if (full) {
                lastStats = now;
            }
            sink.steps(updates, full);
        }
        if (s.isDone() && s.feed().backlog() == 0) {
            sink.finished(s);
        }
    }

    /** The steps rendered so far. */
    public List<StepEvent> steps() {
        return steps;
    }

    /** Tokens the rendered steps emitted. */
    public int emitted() {
        return emitted;
    }
}
