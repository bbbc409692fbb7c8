package io.cascadelab.ui.model;

import io.cascadelab.decode.GenerationResult;

/**
 * The plain-decoding baseline the window keeps, for the speedup and the lossless check of later
 * runs with the same prompt and settings.
 */
public final class BaselineKeeper {

    private Baseline baseline;

    /** The kept baseline, or null. */
    public Baseline get() {
        return baseline;
    }

    /**
     * A baseline run finished: keep it, and hand it to {@code current} when that run is comparable.
     * Returns true when {@code current} took it (its statistics and lossless badge should be shown again).
     */
    public boolean finished(Baseline.RunKey key, GenerationResult result, RunSession current) {
        baseline = new Baseline(key, result);
        if (current != null && current.key().equals(key)) {
            current.statistics().setBaseline(baseline);
            return true;
        }
        return false;
    }

    /** Forgets the baseline. */
    public void clear() {
        baseline = null;
    }
}
