package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.draft.speculator.SpeculatorSpec;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Greedy output with an MLP speculator drafting (its chain, its chain with Max-Gram beyond its
 * heads, or its candidate tree verified in one tree-attention pass) is token-identical to the
 * target's own greedy output, for any prompt and k.
 */
class SpeculatorLosslessGreedyTest {

    static final MlpSpeculator untied = TinySpeculator.random(false, 21);
    static final MlpSpeculator trained = TinySpeculator.trained();

    @AfterContainer
    static void close() {
        untied.close();
        trained.close(); // TinySpeculator.TARGET is shared with other test classes: freed at exit
    }

    @Property(tries = 24, seed = "20261207")
    void greedyOutputWithTheSpeculatorEqualsTheTargetsGreedyOutput(
            @ForAll @IntRange(min = 1, max = 30) int promptLength, @ForAll @IntRange(min = 1, max = 7) int k,
            @ForAll boolean tree, @ForAll boolean useTrained, @ForAll long seed) {
        int[] p = LosslessGreedyTest.prompt(seed, promptLength);
        int n = 18;
        int[] baseline = SpeculatorDecodingTest.run(List.of(), null, SamplingSettings.GREEDY, p, n).tokens();
        MlpSpeculator s = useTrained ? trained : untied;
        List<LevelSpec> levels = new ArrayList<>();
        levels.add(new SpeculatorSpec(s, Math.min(k, 3), tree));
        if (!tree) {
            levels.add(new MaxGramSpec(new MaxGramDrafter(LosslessGreedyTest.BIGRAM)));
        }
        GenerationResult r = SpeculatorDecodingTest.run(levels, KMatrix.of(new int[][] {{k}}), SamplingSettings.GREEDY, p, n);
        assertArrayEquals(baseline, r.tokens(), (tree ? "tree" : "chain") + " k " + k + " " + s.name());
        LosslessGreedyTest.checkInvariants(r, levels.size(), java.util.Set.of(s.name()));
        for (StepEvent e : r.steps()) {
            var review = e.targetReview();
            boolean maxGramSeen = false;
            for (int j = 0; j < review.origins().size(); j++) {
                TokenOrigin o = review.origins().get(j);
                if ("spec".equals(o.drafter())) {
                    assertTrue(!maxGramSeen, "the speculator's segment comes first");
                    assertEquals(j, o.head(), "head j drafts position j");
                    assertNotNull(o.topK());
                } else {
                    assertTrue(!tree, "a tree holds only speculator tokens");
                    maxGramSeen = true;
                }
            }
            if (tree && review.tree() != null) {
                assertArrayEquals(review.tree().candidates().get(review.tree().chosen()), review.drafted());
            }
        }
    }


    @Example
    void aTrainedSpeculatorHasDraftsAcceptedAndItsTreeAcceptsMoreThanItsChain() {
        double[] al = new double[2];
        for (boolean tree : new boolean[] {false, true}) {
            int steps = 0, emitted = 0;
            for (long seed = 1; seed <= 3; seed++) {
                int[] p = LosslessGreedyTest.prompt(seed, 12);
                GenerationResult r = SpeculatorDecodingTest.run(List.of(new SpeculatorSpec(trained, 3, tree)),
                        KMatrix.of(new int[][] {{3}}), SamplingSettings.GREEDY, p, 30);
                steps += r.steps().size();
                emitted += r.tokens().length;
            }
            al[tree ? 1 : 0] = emitted / (double) steps;
        }
        assertTrue(al[0] > 1.4, "chain AL " + al[0]);
        assertTrue(al[1] >= al[0], "tree AL " + al[1] + " vs chain AL " + al[0]);
    }
}
