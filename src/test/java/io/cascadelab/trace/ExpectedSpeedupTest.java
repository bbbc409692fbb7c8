package io.cascadelab.trace;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cascadelab.trace.SyntheticSteps.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expected-speedup formulas (docs/ALGORITHMS.md) against values computed by hand. */
class ExpectedSpeedupTest {

    private static final ModelCost TARGET = new ModelCost("target", 0, 100, 4.0, 6.0, 3);
    private static final ModelCost DRAFT = new ModelCost("draft", 1, 10, 1.0, 1.5, 3);

    private static RunMetrics metrics(List<StepEvent> steps) {
        return RunMetrics.compute(steps, 1_000_000, 0, Map.of("target", TARGET, "draft", DRAFT, "MaG",
                ModelCost.free("MaG", 2)), "target");
    }

    @Test
    void plainDecodingExpectsExactlyOneTimesEvenWhenTheProbeMeasuredAVerify() {
        // AR steps draft nothing: each costs c(1), not the c(k+1) = 6 the probe also measured
        RunMetrics m = metrics(List.of(step(0, 0, 0, 0), step(1, 0, 0, 0), step(2, 0, 0, 0)));
        assertEquals(1.0, m.expectedSpeedup(), 1e-12);
    }

    @Test
    void perPositionAcceptanceAndVerifyCostGiveTheHandComputedSpeedup() {
        // step 0 accepts 3 of 3, step 1 accepts 1 of 3: α = [2/2, 1/2, 1/1]
        List<StepEvent> steps = List.of(step(0, 3, 3, 0), step(1, 3, 1, 0));
        assertArrayEquals(new double[] {1.0, 0.5, 1.0}, RunMetrics.pooledPositionAcceptance(steps), 1e-12);
        // E = 1 + 1 + 0.5 + 0.5 = 3 tokens per step; step cost c_t(k+1) = 6; speedup 3 × 4 / 6
        assertEquals(2.0, metrics(steps).expectedSpeedup(), 1e-12);
    }

    @Test
    void drafterPassesPerStepAddTheirCost() {
        // the same acceptance, 2 draft-model passes per step at c(1) = 1: step cost 6 + 2 = 8
        List<StepEvent> steps = List.of(step(0, 3, 3, 2), step(1, 3, 1, 2));
        assertEquals(3.0 * 4 / 8, metrics(steps).expectedSpeedup(), 1e-12);
    }

    @Test
    void stepsThatDraftedNothingAreChargedASingleTokenForwardAndExpectOneToken() {
        // one verify step (α = [1, 1, 1]: E = 4) and one draft-less step (E = 1): 2.5 tokens per step;
        // cost (6 + 4) / 2 = 5
        List<StepEvent> steps = List.of(step(0, 3, 3, 0), step(1, 0, 0, 0));
        assertEquals(2.5 * 4 / 5, metrics(steps).expectedSpeedup(), 1e-12);
    }

    @Test
    void shorterDraftsExpectOnlyThePositionsTheyDrafted() {
        // α = [2/3, 1/2, 1]: 3-token drafts expect 1 + 2/3 + 1/3 + 1/3 = 7/3, the 1-token draft 1 + 2/3
        List<StepEvent> steps = List.of(step(0, 3, 3, 0), step(1, 3, 1, 0), step(2, 1, 0, 0));
        double e = (7.0 / 3 + 7.0 / 3 + 5.0 / 3) / 3;
        assertEquals(e * 4 / ((6.0 + 6 + 6) / 3), metrics(steps).expectedSpeedup(), 1e-12);
    }

    @Test
    void iidFormulasMatchMissionMd() {
        // (1 − 0.5^4) / (1 − 0.5) = 1.875 tokens; speedup 1.875 / (3 × 0.1 + 1)
        assertEquals(1.875, RunMetrics.expectedTokensIid(0.5, 3), 1e-12);
        assertEquals(1.875 / 1.3, RunMetrics.expectedSpeedupIid(0.5, 3, 0.1), 1e-12);
        assertEquals(4.0, RunMetrics.expectedTokensIid(1.0, 3), 1e-12);
        assertEquals(1.0, RunMetrics.expectedSpeedupIid(0.0, 3, 0.0), 1e-12);
    }
}
