package io.cascadelab.trace;

/**
 * Measured cost of one model on this machine (docs/ALGORITHMS.md, Metrics: c_m(n), median wall time of one forward
 * over n new tokens) and its size.
 *
 * @param nanos1      c_m(1)
 * @param nanosK1     c_m(k+1)
 * @param parameters  parameter count (0 for statistical drafters)
 */
public record ModelCost(String model, int level, long parameters, double nanos1, double nanosK1, int k) {

    /** A statistical drafter (Max-Gram, …): free by definition in SWI. */
    public static ModelCost free(String model, int level) {
        return new ModelCost(model, level, 0, 0, 0, 0);
    }
}
