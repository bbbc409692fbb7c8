package io.cascadelab.sim;

import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.Trace;

/**
 * A finished simulation.
 *
 * @param trace      the run, re-timed by the cost model (replayable like any trace)
 * @param metrics    its metrics, computed as for a real run; {@code swiMeasured} is the simulated speedup
 * @param formulaAl  AL the formula predicts from the settings: 1 + Σ_j Π_{i≤j} α_i over the k drafts
 *                   ((1−α^(k+1))/(1−α) for i.i.d. α); NaN for a cascade, which has no closed form
 */
public record SimResult(Trace trace, RunMetrics metrics, double formulaAl) {

    /** The simulated speedup: plain decoding's cost ÷ the run's cost under the cost model (SWI). */
    public double simulatedSpeedup() {
        return metrics.swiMeasured();
    }

    /** Speedup expected from the run's measured per-position acceptance and the costs (docs/ALGORITHMS.md, Metrics). */
    public double expectedSpeedup() {
        return metrics.expectedSpeedup();
    }
}
