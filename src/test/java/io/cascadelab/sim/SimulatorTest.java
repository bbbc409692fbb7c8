package io.cascadelab.sim;

import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.StepEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator runs the real engine on stand-ins whose acceptance follows the settings. */
class SimulatorTest {

    private static SimSettings sd(double[] alpha, int k, int tokens) {
        return new SimSettings(List.of(new StandIn("MaG", alpha, 0)), k, 1.0, tokens, 7);
    }

    private static SimSettings csd(double midAlpha, double magAlpha, int k, double lenience) {
        return new SimSettings(List.of(new StandIn("mid", new double[] {midAlpha}, 0.1),
                new StandIn("MaG", new double[] {magAlpha}, 0)), k, lenience, 6000, 11);
    }

    /**
     * With i.i.d. acceptance α the measured AL converges to (1−α^(k+1))/(1−α). About 40,000 tokens
     * (10,000–25,000 steps): the standard error of AL is below 0.03, the tolerance is 0.08.
     */
    @ParameterizedTest
    @CsvSource({"0.5, 4", "0.8, 6", "0.9, 3", "0.3, 8"})
    void measuredAlConvergesToTheFormulaForIidAcceptance(double alpha, int k) {
        SimResult r = Simulator.run(sd(new double[] {alpha}, k, 40_000), s -> { }, () -> false);
        double formula = RunMetrics.expectedTokensIid(alpha, k);
        assertEquals(formula, r.formulaAl(), 1e-12, "the settings' formula is the docs/ALGORITHMS.md one");
        assertEquals(formula, r.metrics().acceptedLength(), 0.08,
                "measured AL " + r.metrics().acceptedLength() + " vs formula " + formula);
    }

    @Test
    void perPositionAcceptanceFollowsTheSettings() {
        double[] alpha = {0.9, 0.7, 0.5};
        SimResult r = Simulator.run(sd(alpha, 3, 40_000), s -> { }, () -> false);
        double[] measured = r.metrics().positionAcceptance().get("MaG");
        for (int j = 0; j < alpha.length; j++) {
            assertEquals(alpha[j], measured[j], 0.03, "position " + j);
        }
    }

    @Test
    void aCascadeEmitsExactlyTheTargetsOwnTokens() {
        SimResult r = Simulator.run(csd(0.6, 0.7, 6, 3.0), s -> { }, () -> false);
        SyntheticLanguage language = new SyntheticLanguage(11);
        int[] seq = r.trace().header().promptIds().clone();
        for (StepEvent s : r.trace().steps()) {
            for (EmittedToken e : s.emitted()) {
                assertEquals(language.next(seq, seq.length), e.token(), "position " + e.position());
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = e.token();
            }
        }
        assertTrue(r.metrics().acceptanceRate().containsKey("mid") && r.metrics().acceptanceRate().containsKey("MaG"),
                "both drafters reach the target: " + r.metrics().acceptanceRate());
    }

    @Test
    void lenienceLetsAnUnsureMiddleDrafterPassOnMaxGramsGoodDrafts() {
        double strict = Simulator.run(csd(0.3, 0.9, 6, 1.0), s -> { }, () -> false).metrics().acceptedLength();
        double lenient = Simulator.run(csd(0.3, 0.9, 6, 3.0), s -> { }, () -> false).metrics().acceptedLength();
        assertTrue(lenient > strict + 0.3, "AL with lenience 3: " + lenient + ", with 1: " + strict);
    }

    @Test
    void theSimulatedClockChargesEachForwardItsCost() {
        SimResult r = Simulator.run(csd(0.6, 0.7, 6, 2.0), s -> { }, () -> false);
        RunMetrics m = r.metrics();
        double cost = m.forwardPasses().get(Simulator.TARGET) * Simulator.TARGET_NANOS
                + m.forwardPasses().get("mid") * 0.1 * Simulator.TARGET_NANOS;
        assertEquals(cost, r.trace().summary().decodeNanos(), 1.0 * m.steps());
        assertEquals(m.emitted() * Simulator.TARGET_NANOS / cost, r.simulatedSpeedup(), 1e-9);
    }
}
