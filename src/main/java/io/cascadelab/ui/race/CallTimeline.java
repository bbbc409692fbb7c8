package io.cascadelab.ui.race;

import io.cascadelab.race.LaneTimeline;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One lane's model calls up to the clock, on the race's shared time scale: the target's
 * verifications (and the prompt's pass) on the top row, drafting on the bottom row.
 */
final class CallTimeline extends Canvas {

    static final Color VERIFY = Color.web("#5fb3ff");
    static final Color DRAFT = Color.web("#f0a030");
    private static final double ROW = 7;

    private final LaneTimeline timeline;
    private final long raceEnd;
    private long drawnAt = -1;
    private double drawnWidth = -1;

    CallTimeline(LaneTimeline timeline, long raceEnd) {
        super(0, 2 * ROW + 2);
        this.timeline = timeline;
        this.raceEnd = Math.max(1, raceEnd);
        widthProperty().addListener((o, a, b) -> redraw(drawnAt < 0 ? 0 : drawnAt));
    }

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double prefWidth(double height) {
        return 200;
    }

    @Override
    public double minWidth(double height) {
        return 0;
    }

    /** Draws the calls that had started by {@code t}. */
    void redraw(long t) {
        double w = getWidth();
        if (t == drawnAt && w == drawnWidth) {
            return; // nothing moved: no repaint
        }
        drawnAt = t;
        drawnWidth = w;
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, getHeight());
        g.setFill(Color.web("#20252c"));
        g.fillRect(0, 0, w, getHeight());
        for (LaneTimeline.Call c : timeline.calls()) {
            if (c.start() > t) {
                continue;
            }
            long stop = Math.min(t, c.start() + c.nanos());
            double x0 = w * c.start() / raceEnd, x1 = Math.max(x0 + 1, w * stop / raceEnd);
            g.setFill(c.verify() ? VERIFY : DRAFT);
            g.fillRect(x0, c.verify() ? 0 : ROW + 2, x1 - x0, ROW);
        }
        g.setFill(Color.WHITE);
        g.fillRect(Math.min(w - 1, w * t / raceEnd), 0, 1, getHeight());
    }
}
