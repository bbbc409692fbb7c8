package io.cascadelab.trace;

import io.cascadelab.draft.HeadTopK;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speculator details in traces: head top-k and candidate trees survive a round trip; older traces still read. */
class SpeculatorTraceTest {

    @TempDir
    Path dir;

    static Trace trace(ReviewRecord review) {
        RunHeader h = new RunHeader("spec", List.of("target", "spec"), List.of(), new int[] {1, 2}, "ab", true, 1, 0, 1, 0,
                new int[][] {{3}}, 1, 8, "cpu", RunHeader.K_CONVENTION);
        StepEvent s = new StepEvent(0, 0, 10, List.of(new EmittedToken(7, 2, review.origins().get(0), List.of())),
                List.of(), List.of(review), List.of());
        return new Trace(h, List.of(s), new RunSummary(new int[] {7}, "", "MAX_TOKENS", 1, 10));
    }

    @Test
    void headTopKAndCandidateTreeSurviveARoundTrip() throws Exception {
        TokenOrigin o = TokenOrigin.head(1, "spec", "spec", 0, new HeadTopK(0, new int[] {7, 3}, new float[] {0.6f, 0.2f}));
        CandidateTree tree = new CandidateTree(List.of(new int[] {7, 8}, new int[] {3, 4}), new double[] {-1.5, -2.5}, 0, 4);
        ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 2, new int[] {7, 8}, List.of(o, o), 1, 9, false,
                List.of(new Verdict(0, "target", 0.9, 1, 1, Double.NaN, true)), tree);
        TraceFile.write(dir.resolve("t.jsonl"), trace(r));
        ReviewRecord back = TraceFile.read(dir.resolve("t.jsonl")).steps().get(0).targetReview();
        TokenOrigin ob = back.origins().get(0);
        assertEquals(TokenOrigin.Kind.DRAFT, ob.kind());
        assertEquals(0, ob.head());
        assertArrayEquals(new int[] {7, 3}, ob.topK().tokens());
        assertArrayEquals(new float[] {0.6f, 0.2f}, ob.topK().probabilities());
        assertEquals(2, back.tree().candidates().size());
        assertArrayEquals(new int[] {3, 4}, back.tree().candidates().get(1));
        assertEquals(0, back.tree().chosen());
        assertEquals(4, back.tree().nodes());
    }

    @Test
    void ordinaryReviewsWriteNoSpeculatorFieldsAndOldTracesStillRead() throws Exception {
        TokenOrigin mag = TokenOrigin.drafted(1, "MaG", "mag", io.cascadelab.draft.CopySource.bigram());
        ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 2, new int[] {7}, List.of(mag), 1, 9, true,
                List.of(new Verdict(0, "target", 0.9, 1, 1, Double.NaN, true)));
        Path f = dir.resolve("old.jsonl");
        TraceFile.write(f, trace(r));
        String step = Files.readAllLines(f).get(1); // the header has a sampling "topK" of its own
        assertFalse(step.contains("\"topK\"") || step.contains("\"tree\""), "absent fields are not written: " + step);
        ReviewRecord back = TraceFile.read(f).steps().get(0).targetReview();
        assertNull(back.tree());
        assertNull(back.origins().get(0).topK());
        assertEquals(TokenOrigin.Kind.DRAFT, back.origins().get(0).kind());
        assertEquals("mag", back.origins().get(0).drafter());
    }

    @Test
    void tracesWrittenBeforeDrafterKindsWereOpenReadWithTheirKind() throws Exception {
        TokenOrigin mag = TokenOrigin.drafted(1, "MaG", "mag", io.cascadelab.draft.CopySource.bigram());
        TokenOrigin head = TokenOrigin.head(1, "spec", "spec", 2, null);
        ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 2, new int[] {7, 8}, List.of(mag, head), 1, 9, true,
                List.of(new Verdict(0, "target", 0.9, 1, 1, Double.NaN, true)));
        Path f = dir.resolve("older.jsonl");
        TraceFile.write(f, trace(r));
        String text = Files.readString(f);
        String old = text.replace("\"kind\":\"DRAFT\",\"drafter\":\"mag\"", "\"kind\":\"MAX_GRAM\"")
                .replace("\"kind\":\"DRAFT\",\"drafter\":\"spec\"", "\"kind\":\"SPECULATOR\"");
        assertFalse(old.contains("\"drafter\":"), "the rewrite gives the old format: " + old);
        Files.writeString(f, old);
        List<TokenOrigin> back = TraceFile.read(f).steps().get(0).targetReview().origins();
        assertEquals(List.of("mag", "spec"), back.stream().map(TokenOrigin::drafter).toList());
        assertEquals(2, back.get(1).head());
    }
}
