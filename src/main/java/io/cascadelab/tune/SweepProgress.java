package io.cascadelab.tune;

/** Where a sweep is: decoding runs done of total, elapsed time, the estimated time left and what runs now. */
public record SweepProgress(int done, int total, double elapsedSeconds, double etaSeconds, String current) {

    /** The ETA from the mean time per run so far (NaN before the first run). */
    public static SweepProgress of(int done, int total, double elapsedSeconds, String current) {
        double eta = done == 0 ? Double.NaN : elapsedSeconds / done * (total - done);
        return new SweepProgress(done, total, elapsedSeconds, eta, current);
    }
}
