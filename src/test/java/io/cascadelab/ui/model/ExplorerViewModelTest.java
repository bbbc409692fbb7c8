package io.cascadelab.ui.model;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.GhostToken;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer's view-model, without JavaFX: token items, statistics and the step tree from step events. */
class ExplorerViewModelTest {

    /** Token id i decodes to the letter 'a' + i (ids ≥ 26 to their number). */
    private static final TokenDecoder LETTERS = ids -> {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            b.append(id < 26 ? String.valueOf((char) ('a' + id)) : "<" + id + ">");
        }
        return b.toString();
    };
    private static final int[] PROMPT = {0, 1, 2}; // "abc"

    private static Verdict verdict(boolean accepted) {
        return new Verdict(0, "target", accepted ? 0.9 : 0.1, 1.0, accepted ? 1 : 0, Double.NaN, accepted);
    }

    /**
     * Step 0: MaG (copied from prompt token 1) drafted 1 and 5; the target accepted 1, rejected 5
     * and corrected it to 3. The draft after it (6) was discarded untested.
     */
    private static StepEvent stepWithARejection() {
        TokenOrigin mag = TokenOrigin.drafted(1, "MaG", "mag", new CopySource(CopySource.Kind.PROMPT, 1, 1));
        TokenOrigin correction = TokenOrigin.reviewer(0, "target", false);
        List<EmittedToken> emitted = List.of(
                new EmittedToken(1, 3, mag, List.of(verdict(true))),
                new EmittedToken(3, 4, correction, List.of()));
        List<GhostToken> ghosts = List.of(
                new GhostToken(6, 5, mag, 0, false, List.of()),
                new GhostToken(5, 4, mag, 0, true, List.of(verdict(false))));
        ReviewRecord review = new ReviewRecord(0, -1, -1, 0, "target", 1, 3, new int[] {1, 5, 6},
                List.of(mag, mag, mag), 1, 3, false, List.of(verdict(true), verdict(false)));
        List<CallRecord> calls = List.of(new CallRecord(0, 1, "MaG", 3, 3, 0, 1_000),
                new CallRecord(0, 0, "target", 4, 3, 1_000, 2_000_000));
        return new StepEvent(0, 0, 2_001_000, emitted, ghosts, List.of(review), calls);
    }

    /** A plain-decoding step: the target's one (bonus) token. */
    private static StepEvent plainStep(int step, long start, int token) {
        TokenOrigin bonus = TokenOrigin.reviewer(0, "target", true);
        ReviewRecord review = new ReviewRecord(0, -1, -1, 0, "target", 1, 5 + step, new int[0], List.of(), 0, token, true, List.of());
        return new StepEvent(step, start, 1_000_000, List.of(new EmittedToken(token, 5 + step, bonus, List.of())), List.of(),
                List.of(review), List.of(new CallRecord(0, 0, "target", 1, 0, 0, 1_000_000)));
    }

    @Test
    void emittedTokensCarryTheirProvenanceClassAndText() {
        StepView v = new TokenViewModel(LETTERS, PROMPT).toView(stepWithARejection());
        List<TokenItem> emitted = v.items().stream().filter(i -> !i.ghost()).toList();
        assertEquals(List.of("b", "d"), emitted.stream().map(TokenItem::text).toList());
        assertEquals(List.of("prov-mag", "prov-correction"), emitted.stream().map(TokenItem::styleClass).toList());
        assertEquals(List.of(0, 1), emitted.stream().map(TokenItem::index).toList());
        assertEquals(1, v.drafted());
    }

    @Test
    void rejectedDraftsSitBetweenTheAcceptedTokensAndTheTargetsCorrection() {
        StepView v = new TokenViewModel(LETTERS, PROMPT).toView(stepWithARejection());
        assertEquals(List.of("b", "f", "g", "d"), v.items().stream().map(TokenItem::text).toList());
        TokenItem tested = v.items().get(1);
        TokenItem untested = v.items().get(2);
        assertTrue(tested.ghost() && tested.tested());
        assertTrue(untested.ghost() && !untested.tested());
    }

    @Test
    void tooltipsNameTheProvenanceTheVerdictsAndTheCopySource() {
        StepView v = new TokenViewModel(LETTERS, PROMPT).toView(stepWithARejection());
        String mag = v.items().get(0).tooltip();
        assertTrue(mag.contains("MaG"), mag);
        assertTrue(mag.contains("copied from prompt token 1"), mag);
        assertTrue(mag.contains("p=0.900") && mag.contains("accepted"), mag);
        String ghost = v.items().get(1).tooltip();
        assertTrue(ghost.contains("Rejected") && ghost.contains("rejected"), ghost);
        assertTrue(v.items().get(2).tooltip().contains("untested"));
    }

    @Test
    void aMaxGramCopyPointsAtTheMatchedSpanAndTheCopiedToken() {
        StepView v = new TokenViewModel(LETTERS, PROMPT).toView(stepWithARejection());
        CopySpan span = v.items().get(0).copy();
        assertEquals(new CopySpan(0, 1), span);
        assertNull(CopySpan.of(CopySource.bigram(), 3, 0));
        assertNull(CopySpan.of(new CopySource(CopySource.Kind.HISTORY, 3, 2, 1), 3, 0), "an earlier run is not on screen");
    }

    @Test
    void theLegendListsTheTargetsTokensAndEveryProvenanceSeen() {
        TokenViewModel vm = new TokenViewModel(LETTERS, PROMPT);
        vm.toView(stepWithARejection());
        assertEquals(List.of("prov-correction", "prov-bonus", "prov-mag"),
                vm.legend().stream().map(Provenance::styleClass).toList());
    }

    @Test
    void draftModelsAndSpeculatorHeadsAreColouredByLevelAndHead() {
        assertEquals("prov-draft-2", Provenance.of(TokenOrigin.reviewer(2, "draft-small", false)).styleClass());
        assertEquals("prov-head-1", Provenance.of(TokenOrigin.head(1, "speculator", "spec", 1, null)).styleClass());
        assertEquals("prov-bonus", Provenance.of(TokenOrigin.reviewer(0, "target", true)).styleClass());
    }

    @Test
    void tokenTextsHandleTokensThatOnlyMakeSenseInContext() {
        // a decoder that merges "a"+"b" into "X": the text of b after a is what the sequence gains
        TokenDecoder merging = ids -> LETTERS.decode(ids).replace("ab", "X");
        TokenTexts t = new TokenTexts(merging, new int[] {0});
        assertEquals("b", t.peek(1), "falls back to the token alone when the context rewrites the text");
        assertEquals("c", t.append(2));
    }

    @Test
    void promptItemsAreNumberedInThePrompt() {
        List<TokenItem> p = new TokenViewModel(LETTERS, PROMPT).promptItems();
        assertEquals(List.of("a", "b", "c"), p.stream().map(TokenItem::text).toList());
        assertEquals(2, p.get(2).index());
    }

    @Test
    void statisticsAreEstimatedWithoutABaselineAndMeasuredWithOne() {
        Map<String, ModelCost> costs = Map.of("target", new ModelCost("target", 0, 1000, 1_000_000, 1_500_000, 3),
                "MaG", ModelCost.free("MaG", 1));
        RunStatistics stats = new RunStatistics("target", costs, true, null);
        stats.add(stepWithARejection());
        StatsSnapshot s = stats.snapshot();
        assertFalse(s.speedupMeasured());
        assertEquals(2 * 1_000_000 / 2_001_000.0, s.speedup(), 1e-9); // tokens × c_target(1) ÷ elapsed
        assertEquals(2.0, s.metrics().acceptedLength(), 1e-9);
        assertEquals(1, s.targetCalls());
        assertNull(s.lossless());

        GenerationResult base = new GenerationResult(PROMPT, new int[] {1, 3}, List.of(plainStep(0, 0, 1), plainStep(1, 1_000_000, 3)),
                0, 4_000_000, GenerationResult.StopReason.MAX_TOKENS);
        stats.setBaseline(new Baseline(new Baseline.RunKey("target", "abc", SamplingSettings.GREEDY, 2), base));
        stats.finish(new GenerationResult(PROMPT, new int[] {1, 3}, List.of(stepWithARejection()), 0, 2_000_000,
                GenerationResult.StopReason.MAX_TOKENS));
        StatsSnapshot m = stats.snapshot();
        assertTrue(m.speedupMeasured());
        assertEquals(2.0, m.speedup(), 1e-9); // 4 ms vs 2 ms for the same 2 tokens
        assertTrue(m.lossless().identical());
        assertEquals("identical to target", m.lossless().text());
    }

    @Test
    void theLosslessCheckNamesTheFirstDifferingToken() {
        RunStatistics stats = new RunStatistics("target", Map.of(), true, new Baseline(
                new Baseline.RunKey("target", "abc", SamplingSettings.GREEDY, 2),
                new GenerationResult(PROMPT, new int[] {1, 4}, List.of(), 0, 1, GenerationResult.StopReason.MAX_TOKENS)));
        stats.add(stepWithARejection());
        stats.finish(new GenerationResult(PROMPT, new int[] {1, 3}, List.of(stepWithARejection()), 0, 1,
                GenerationResult.StopReason.MAX_TOKENS));
        assertEquals("differs from target at token 1", stats.snapshot().lossless().text());
    }

    @Test
    void statisticsCsvHasOneFigurePerLine() {
        RunStatistics stats = new RunStatistics("target", Map.of(), true, null);
        stats.add(stepWithARejection());
        String csv = StatsCsv.of(stats.snapshot(), "csd(d=1,k=3,l=1.0)");
        assertTrue(csv.startsWith("metric,key,value\n"), csv);
        assertTrue(csv.contains("\nAL,,2.00000\n"), csv);
        assertTrue(csv.contains("\nAR,MaG,0.500000\n"), csv);
        assertTrue(csv.contains("\nmethod,,\"csd(d=1,k=3,l=1.0)\"\n"), csv);
    }

    @Test
    void theReviewTreeNestsReviewsBySegment() {
        TokenOrigin mag = TokenOrigin.drafted(2, "MaG", "mag", null);
        ReviewRecord top = new ReviewRecord(0, -1, -1, 0, "target", 1, 3, new int[] {1, 2}, List.of(mag, mag), 2, 3, true, List.of());
        ReviewRecord a = new ReviewRecord(1, 0, 0, 1, "draft", 1, 3, new int[] {1}, List.of(mag), 1, 2, true, List.of());
        ReviewRecord b = new ReviewRecord(2, 0, 1, 1, "draft", 1, 5, new int[] {2}, List.of(mag), 1, 2, true, List.of());
        ReviewRecord c = new ReviewRecord(3, 0, 1, 1, "draft", 1, 6, new int[] {2}, List.of(mag), 0, 2, false, List.of());
        StepEvent e = new StepEvent(0, 0, 1, List.of(), List.of(), List.of(a, b, c, top), List.of());
        ReviewNode root = ReviewNode.of(e);
        assertEquals(0, root.review().id());
        assertEquals(2, root.segments().size());
        assertEquals(List.of(1), root.segments().get(0).stream().map(n -> n.review().id()).toList());
        assertEquals(List.of(2, 3), root.segments().get(1).stream().map(n -> n.review().id()).toList());
        assertEquals(4, root.size());
    }
}
