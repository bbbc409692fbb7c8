package io.cascadelab.ui;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/** Axes of counts and positions: whole-number ticks only (an auto-ranged axis would label 0.5, 1.5, …). */
public final class IntegerTicks {

    private IntegerTicks() {
    }

    /** Fixes {@code axis} to [0, max] (at least 1) with a whole tick unit (1, 2 or 5 × 10ⁿ) of at most eight ticks. */
    public static void fit(NumberAxis axis, double max) {
        double unit = unit(max);
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setUpperBound(unit * Math.max(1, Math.ceil(max / unit))); // ends on a tick
        axis.setTickUnit(unit);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(WHOLE);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, … that covers [0, max] in at most eight steps. */
    static double unit(double max) {
        double steps = Math.max(1, Math.ceil(max)) / 8;
        for (double decade = 1; ; decade *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                if (m * decade >= steps) {
                    return m * decade;
                }
            }
        }
    }

    private static final StringConverter<Number> WHOLE = new StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) ? String.valueOf((long) v) : "";
        }

        @Override
        public Number fromString(String s) {
            return Double.parseDouble(s);
        }
    };
}
