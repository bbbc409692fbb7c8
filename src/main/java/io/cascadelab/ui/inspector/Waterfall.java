package io.cascadelab.ui.inspector;

import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.StepEvent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.Locale;

/** A step's model calls on a time axis: one row per call, a bar from its start for its duration. */
public final class Waterfall {

    /** Width of the time axis in pixels. */
    static final double TRACK_WIDTH = 280;

    private Waterfall() {
    }

    /** The waterfall of {@code step}'s calls. */
    public static Node of(StepEvent step) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("waterfall");
        long total = Math.max(1, step.nanos());
        for (CallRecord c : step.calls()) {
            total = Math.max(total, c.startNanos() + c.nanos());
        }
        int row = 0;
        for (CallRecord c : step.calls()) {
            Label name = new Label(c.model());
            name.getStyleClass().add("waterfall-model");
            Pane track = new Pane();
            track.getStyleClass().add("waterfall-track");
            track.setPrefWidth(TRACK_WIDTH);
            track.setMinWidth(TRACK_WIDTH);
            double x = TRACK_WIDTH * c.startNanos() / total;
            double w = Math.max(2, TRACK_WIDTH * c.nanos() / total);
            Rectangle bar = new Rectangle(x, 3, Math.min(w, TRACK_WIDTH - x), 12);
            bar.getStyleClass().addAll("waterfall-bar", "waterfall-level-" + Math.min(c.level(), 4));
            track.getChildren().add(bar);
            Label ms = new Label(String.format(Locale.ROOT, "%.2f ms", c.nanos() / 1e6));
            ms.getStyleClass().add("waterfall-ms");
            String tip = String.format(Locale.ROOT, "%s (level %d): %d tokens in, %d drafted, starts at %.2f ms, takes %.2f ms",
                    c.model(), c.level(), c.tokensIn(), c.drafted(), c.startNanos() / 1e6, c.nanos() / 1e6);
            Tooltip.install(track, new Tooltip(tip));
            grid.addRow(row++, name, track, ms);
        }
        return grid;
    }
}
