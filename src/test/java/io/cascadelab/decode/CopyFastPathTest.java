package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Max-Gram's fast path: confident copies skip the draft models; the output stays the target's. */
class CopyFastPathTest {

    /** A prompt that repeats itself, so Max-Gram continues a long copy from the first token on. */
    static final int[] PROMPT = {5, 9, 3, 7, 1, 5, 9, 3, 7, 1, 5, 9, 3};

    private static GenerationResult run(CopyFastPath fast) {
        List<LevelSpec> levels = List.of(new DraftModelLevel(LosslessGreedyTest.d1),
                new DraftModelLevel(LosslessGreedyTest.d2), new MaxGramSpec(new MaxGramDrafter(), fast));
        try (Cascade c = Cascade.build(LosslessGreedyTest.target, levels, 128)) {
            return new Generator(c, Set.of()).run(PROMPT, 12, SamplingSettings.GREEDY,
                    () -> new LiveSettings(KMatrix.expand(3, 3), 2.0), e -> { }, () -> false);
        }
    }

    @Test
    void aConfidentCopyGoesStraightToTheTarget() {
        StepEvent first = run(new CopyFastPath(3, 3)).steps().get(0);
        ReviewRecord top = first.targetReview();
        // the prompt's suffix matched earlier: Max-Gram copies what followed it, capped at 3 tokens
        int[] copy = new MaxGramDrafter().propose(PROMPT, PROMPT.length, 3).stream()
                .mapToInt(io.cascadelab.draft.MaxGramProposal::token).toArray();
        assertArrayEquals(new int[] {7, 1, 5}, copy);
        assertArrayEquals(copy, top.drafted());
        assertTrue(top.origins().stream().allMatch(o -> o.kind() == TokenOrigin.Kind.DRAFT), top.origins().toString());
        assertEquals(1, first.reviews().size(), "only the target reviewed");
        assertTrue(first.calls().stream().noneMatch(c -> c.model().equals("d1") || c.model().equals("d2")),
                "no draft model ran: " + first.calls());
    }

    @Test
    void withoutTheFastPathTheDraftModelsReview() {
        StepEvent first = run(CopyFastPath.OFF).steps().get(0);
        assertTrue(first.reviews().size() > 1, "the draft models reviewed Max-Gram's proposals");
    }

    @Test
    void aShortMatchDoesNotTakeTheFastPath() {
        // the prompt's longest suffix match is 8 tokens long; asking for 9 keeps the cascade in charge
        assertEquals(8, new MaxGramDrafter().propose(PROMPT, PROMPT.length, 1).get(0).source().matchLength());
        StepEvent first = run(new CopyFastPath(9, 5)).steps().get(0);
        assertTrue(first.reviews().size() > 1);
    }

    @Test
    void outputIsTheTargetsWithAndWithoutTheFastPath() {
        assertArrayEquals(run(CopyFastPath.OFF).tokens(), run(new CopyFastPath(1, 8)).tokens());
    }

    @Test
    void parsesAndRejects() {
        assertEquals(new CopyFastPath(2, 12), CopyFastPath.parse("2:12"));
        assertEquals(CopyFastPath.OFF, CopyFastPath.parse("off"));
        assertEquals("2:12", CopyFastPath.DEFAULT.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CopyFastPath.parse("2"));
        assertTrue(e.getMessage().contains("'2'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CopyFastPath.parse("0:5"));
        assertThrows(IllegalArgumentException.class, () -> CopyFastPath.parse("x:y"));
    }

    @Test
    void labelNamesTheFastPathOnlyWhereItApplies() {
        MethodSpec csd = new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 3, null, null);
        assertEquals("csd(d=3,k=6,l=2.0,fast=2:12)", csd.label());
        assertEquals("csd(d=3,k=6,l=2.0)", csd.withFastPath(CopyFastPath.OFF).label());
        assertEquals("csd(d=1,k=6,l=2.0)", new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 1, null, null).label());
    }
}
