package io.cascadelab.ui.lab;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.SweepListener;
import io.cascadelab.tune.SweepPlan;
import io.cascadelab.tune.SweepProgress;
import io.cascadelab.tune.SweepResult;
import io.cascadelab.tune.SweepRunner;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a sweep off the FX thread: progress and an ETA message per decoding run, each finished
 * cell handed to the window. {@link #stop()} ends the cell in progress and the task still succeeds
 * with the finished cells (Task.cancel would throw them away).
 */
final class SweepTask extends Task<SweepResult> {

    private final ModelFamily family;
    private final SweepPlan plan;
    private final String device;
    private final Consumer<CellResult> onCell;
    private final AtomicBoolean stop = new AtomicBoolean();

    SweepTask(ModelFamily family, SweepPlan plan, String device, Consumer<CellResult> onCell) {
        this.family = family;
        this.plan = plan;
        this.device = device;
        this.onCell = onCell;
    }

    /** Asks the sweep to stop after keeping what it finished. */
    void stop() {
        stop.set(true);
    }

    @Override
    protected SweepResult call() {
        return new SweepRunner(family, plan, device).run(new SweepListener() {
            @Override
            public void progress(SweepProgress p) {
                updateProgress(p.done(), p.total());
                updateMessage(message(p));
            }

            @Override
            public void cellFinished(CellResult cell) {
                Platform.runLater(() -> onCell.accept(cell)); // a few per minute: no batching needed
            }
        }, stop::get);
    }

    static String message(SweepProgress p) {
        return String.format(Locale.ROOT, "%d/%d runs · %s · ETA %s", p.done(), p.total(), p.current(), eta(p.etaSeconds()));
    }

    static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "…";
        }
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + " s";
    }
}
