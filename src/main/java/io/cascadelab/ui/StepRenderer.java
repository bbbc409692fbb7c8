package io.cascadelab.ui;

import io.cascadelab.ui.model.RunFeed;
import io.cascadelab.ui.model.RunSession;
import io.cascadelab.ui.model.StatsSnapshot;

import java.util.List;
import java.util.Locale;

/** Draws a frame's batch of steps: tokens and legend into a token view, the figures (or the chart due) into a statistics panel. */
final class StepRenderer {

    private static final boolean PROFILE = Boolean.getBoolean("cascadelab.profileFx");

    private final TokenViewController tokens;
    private final StatsController stats;

    StepRenderer(TokenViewController tokens, StatsController stats) {
        this.tokens = tokens;
        this.stats = stats;
    }

    /** {@code fullStats}: refresh the figures from {@code session}'s statistics now, else only draw the chart due. */
    void render(RunSession session, List<RunFeed.StepUpdate> updates, boolean fullStats) {
        long t0 = System.nanoTime();
        updates.forEach(u -> tokens.append(u.view()));
        long t1 = System.nanoTime();
        tokens.setLegend(updates.get(updates.size() - 1).legend());
        long t2 = t1;
        if (fullStats) {
            StatsSnapshot snap = session.statistics().snapshot();
            t2 = System.nanoTime();
            stats.show(snap, false);
        } else {
            stats.drawDueChart();
        }
        if (PROFILE) {
            System.err.printf(Locale.ROOT, "drain: %d steps %.1f ms, stats %.1f ms (snapshot %.1f ms)%n", updates.size(),
                    (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6, (t2 - t1) / 1e6);
        }
    }
}
