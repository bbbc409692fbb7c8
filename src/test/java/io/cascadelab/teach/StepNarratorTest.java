package io.cascadelab.teach;

import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.GhostToken;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guided step-through's explanations, from step events alone. */
class StepNarratorTest {

    private static final String[] WORDS = {"over", "the", "above", "moon", "jumped", "cow"};
    private static final IntFunction<String> TEXT = id -> "'" + WORDS[id] + "'";

    private static Verdict verdict(double p, boolean accepted) {
        return new Verdict(0, "target", p, 1.0, accepted ? 1 : 0, Double.NaN, accepted);
    }

    /** MaG proposed "jumped above the"; the target accepted "jumped", rejected "above" (3%) and preferred "over" (91%). */
    private static StepEvent rejection() {
        TokenOrigin mag = TokenOrigin.drafted(1, "MaG", "mag", new CopySource(CopySource.Kind.PROMPT, 4, 2));
        List<EmittedToken> emitted = List.of(new EmittedToken(4, 10, mag, List.of(verdict(0.8, true))),
                new EmittedToken(0, 11, TokenOrigin.reviewer(0, "target", false), List.of()));
        List<GhostToken> ghosts = List.of(new GhostToken(2, 11, mag, 0, true, List.of(verdict(0.03, false))),
                new GhostToken(1, 12, mag, 0, false, List.of()));
        ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 10, new int[] {4, 2, 1}, List.of(mag, mag, mag), 1, 0,
                false, List.of(verdict(0.8, true), verdict(0.03, false)), null, 0.91);
        return new StepEvent(0, 0, 1, emitted, ghosts, List.of(r),
                List.of(new CallRecord(0, 1, "MaG", 0, 3, 0, 1), new CallRecord(0, 0, "target", 4, 3, 1, 1)));
    }

    @Test
    void aRejectionSaysWhatTheTargetPreferredAndWhatWasDiscarded() {
        List<Phase> phases = StepNarrator.narrate(rejection(), TEXT);
        assertEquals(List.of(Phase.Kind.PROPOSE, Phase.Kind.VERIFY, Phase.Kind.ROLLBACK), phases.stream().map(Phase::kind).toList());
        assertTrue(phases.get(0).text().startsWith("Max-Gram proposes 3 tokens for target to check: 'jumped' 'above' 'the'"),
                phases.get(0).text());
        String verify = phases.get(1).text();
        assertTrue(verify.contains("It accepts 'jumped'."), verify);
        assertTrue(verify.contains("It rejects 'above' because it gives it 3.0% and prefers 'over' (91%)."), verify);
        assertTrue(verify.contains("The 1 token drafted after it 'the' is discarded unchecked"), verify);
        assertTrue(phases.get(2).text().contains("emits 2 tokens for one target pass: 'jumped' 'over'"), phases.get(2).text());
    }

    @Test
    void everyReviewOfTheExampleTraceIsToldInTheOrderItHappened() throws IOException {
        Trace t = ExampleTrace.load();
        IntFunction<String> text = id -> "'" + t.tokens().decode(new int[] {id}) + "'";
        for (StepEvent s : t.steps()) {
            List<Phase> phases = StepNarrator.narrate(s, text);
            long reviews = phases.stream().filter(p -> p.kind() == Phase.Kind.REVIEW || p.kind() == Phase.Kind.VERIFY).count();
            assertEquals(s.reviews().size(), reviews);
            assertEquals(Phase.Kind.VERIFY, phases.get(phases.size() - 2).kind(), "the target verifies last");
            phases.forEach(p -> assertTrue(!p.text().contains("null"), p.text()));
        }
        if (Boolean.getBoolean("cascadelab.printNarration")) {
            StepNarrator.narrate(t.steps().get(1), text).forEach(p -> System.out.println(p.kind() + " " + p.actor() + ": " + p.text()));
        }
    }
}
