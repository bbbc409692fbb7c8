package io.cascadelab.decode;

import io.cascadelab.trace.OracleK;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.SyntheticSteps;
import io.cascadelab.trace.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Adaptive k policies: their schedules, losslessness, the confidence cut-off, and the oracle k from a trace. */
class KPolicyTest {

    static final ModelFamily FAMILY = TinyFamily.family();

    @AfterAll
    static void close() {
        FAMILY.close();
    }

    @Test
    void parsesEveryPolicyAndRefusesUnknownOnes() {
        assertEquals(KPolicy.STATIC, KPolicy.parse("static"));
        assertTrue(KPolicy.parse("heuristic") instanceof KPolicy.Heuristic);
        assertTrue(KPolicy.parse("goodput") instanceof KPolicy.Goodput);
        assertEquals(0.3, KPolicy.parse("confidence:0.3").confidenceCutoff(), 0);
        assertEquals(0.4, KPolicy.parse("Confidence").confidenceCutoff(), 0);
        assertThrows(IllegalArgumentException.class, () -> KPolicy.parse("confidence:2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KPolicy.parse("fast")).getMessage()
                .contains("use static, heuristic, confidence[:cut-off] or goodput"));
    }

    @Test
    void heuristicAddsTwoWhenAllWereAcceptedAndDropsOneOtherwise() {
        KSchedule s = new KPolicy.Heuristic().schedule(4, 1, 8);
        assertEquals(4, s.k());
        s.observe(SyntheticSteps.step(0, 4, 4, 0));
        assertEquals(6, s.k());
        s.observe(SyntheticSteps.step(1, 6, 6, 0));
        assertEquals(8, s.k());
        s.observe(SyntheticSteps.step(2, 8, 8, 0));
        assertEquals(8, s.k(), "capped at kMax");
        s.observe(SyntheticSteps.step(3, 8, 2, 0));
        assertEquals(7, s.k());
        s.observe(SyntheticSteps.step(4, 0, 0, 0));
        assertEquals(7, s.k(), "a step with no draft says nothing");
        for (int i = 0; i < 10; i++) {
            s.observe(SyntheticSteps.step(5 + i, 3, 0, 0));
        }
        assertEquals(1, s.k(), "floored at kMin");
    }

    @Test
    void goodputPicksTheKWithTheMostTokensPerMeasuredSecond() {
        // every position accepted with α = 1/2 and a step costing 10 µs whatever the length:
        // E(k)/T = (2 − 2^-k) / 10 µs grows with k, so the largest k wins
        KSchedule s = new KPolicy.Goodput().schedule(4, 1, 8);
        s.observe(SyntheticSteps.step(0, 4, 4, 0));
        assertEquals(3, s.k(), "explores a second length first");
        s.observe(SyntheticSteps.step(1, 3, 0, 0));
        s.observe(SyntheticSteps.step(2, 4, 1, 0));
        assertEquals(8, s.k());
    }

    @Test
    void goodputPrefersShortDraftsWhenStepsGetExpensiveWithLength() {
        KSchedule s = new KPolicy.Goodput().schedule(4, 1, 8);
        // α_1 = 1/2, later positions never accepted; 4-token steps cost 4x 1-token steps
        s.observe(stepWithNanos(SyntheticSteps.step(0, 4, 0, 0), 40_000));
        s.observe(stepWithNanos(SyntheticSteps.step(1, 1, 1, 0), 10_000));
        assertEquals(1, s.k());
    }

    private static StepEvent stepWithNanos(StepEvent s, long nanos) {
        return new StepEvent(s.step(), s.startNanos(), nanos, s.emitted(), s.ghosts(), s.reviews(), s.calls());
    }

    @Test
    void everyPolicyReproducesTheTargetsGreedyOutput() {
        int[] prompt = LosslessGreedyTest.prompt(5, 20);
        int[] expected = generate(MethodSpec.ar(), prompt).result().tokens();
        for (String p : List.of("static", "heuristic", "confidence:0.5", "goodput")) {
            for (MethodSpec.Method m : List.of(MethodSpec.Method.SD, MethodSpec.Method.CSD)) {
                MethodSpec spec = new MethodSpec(m, 4, 2, 3, null, m == MethodSpec.Method.SD ? "d2" : null, false, CopyFastPath.DEFAULT,
                        KPolicy.parse(p));
                assertArrayEquals(expected, generate(spec, prompt).result().tokens(), spec.label());
            }
        }
    }

    @Test
    void heuristicChangesTheDraftedLengthDuringARun() {
        int[] prompt = LosslessGreedyTest.prompt(6, 20);
        MethodSpec spec = new MethodSpec(MethodSpec.Method.SD, 4, 1, 1, null, "d1", false, CopyFastPath.DEFAULT, new KPolicy.Heuristic());
        Set<Integer> lengths = new java.util.TreeSet<>();
        for (int k : OracleK.chosenPerStep(generate(spec, prompt).trace().steps())) {
            lengths.add(k);
        }
        assertTrue(lengths.size() > 1, "drafted lengths " + lengths);
    }

    @Test
    void theConfidenceCutOffEndsTheDraftAtTheFirstDoubtfulToken() {
        int[] prompt = LosslessGreedyTest.prompt(7, 20);
        double cutoff = 0.6;
        MethodSpec spec = new MethodSpec(MethodSpec.Method.SD, 6, 1, 1, null, "d2", false, CopyFastPath.DEFAULT,
                new KPolicy.Confidence(cutoff));
        List<StepEvent> steps = generate(spec, prompt).trace().steps();
        boolean shorter = false;
        for (StepEvent s : steps) {
            ReviewRecord t = s.targetReview();
            shorter |= t.drafted().length < 6;
            for (Verdict v : t.verdicts()) {
                assertTrue(v.q() >= cutoff, "the target tested a token its drafter gave only " + v.q());
            }
        }
        assertTrue(shorter, "some draft was cut");
    }

    @Test
    void anAdaptivePolicyCannotAdaptAnExplicitKMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MethodSpec(
                MethodSpec.Method.CSD, 4, 2, 2, KMatrix.parse("2,2;0,2"), null, false, CopyFastPath.DEFAULT,
                new KPolicy.Goodput()));
        assertTrue(e.getMessage().contains("explicit K matrix"), e.getMessage());
    }

    @Test
    void oracleKIsTheAcceptedLengthAndThePositionOfTheRejection() {
        int[] prompt = LosslessGreedyTest.prompt(8, 20);
        MethodSpec spec = new MethodSpec(MethodSpec.Method.SD, 5, 1, 1, null, "d2");
        List<StepEvent> steps = generate(spec, prompt).trace().steps();
        int[] oracle = OracleK.perStep(steps);
        int[] chosen = OracleK.chosenPerStep(steps);
        boolean sawRejection = false;
        for (int i = 0; i < steps.size(); i++) {
            ReviewRecord t = steps.get(i).targetReview();
            assertEquals(t.accepted(), oracle[i]);
            assertEquals(t.drafted().length, chosen[i]);
            // every position before the oracle k was accepted, the one at it (if drafted) rejected
            for (int j = 0; j < oracle[i]; j++) {
                assertTrue(t.verdicts().get(j).accepted());
            }
            if (oracle[i] < chosen[i]) {
                sawRejection = true;
                assertFalse(t.verdicts().get(oracle[i]).accepted());
                assertEquals(oracle[i] + 1, t.verdicts().size(), "nothing after the rejected position was tested");
            }
            assertEquals(Math.min(oracle[i] + 1, steps.get(i).emitted().size()), steps.get(i).emitted().size());
        }
        assertTrue(sawRejection);
    }

    static Runner.Output generate(MethodSpec spec, int[] prompt) {
        return Runner.run(FAMILY, new Runner.Request(spec, SamplingSettings.GREEDY, 40), prompt, "", List.of(), null,
                s -> { }, () -> false, "cpu");
    }
}
