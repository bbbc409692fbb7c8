package io.cascadelab.ui.lab;

/** Maps a value onto one of {@link #BUCKETS} colour classes between the smallest and largest value shown. */
final class HeatScale {

    static final int BUCKETS = 8;

    private final double min;
    private final double max;

    HeatScale(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** 0 (lowest) .. BUCKETS − 1 (highest); the middle bucket when every value is equal; -1 for NaN. */
    int bucket(double v) {
        if (Double.isNaN(v)) {
            return -1;
        }
        if (!(max > min)) {
            return BUCKETS / 2;
        }
        int b = (int) Math.floor((v - min) / (max - min) * BUCKETS);
        return Math.max(0, Math.min(BUCKETS - 1, b));
    }
}
