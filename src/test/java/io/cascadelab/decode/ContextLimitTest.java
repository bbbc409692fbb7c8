package io.cascadelab.decode;

import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.StepEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At the context's end every method stops at the same length (the context's capacity) with
 * "context full", greedy-identical to plain decoding; a drafter with a shorter context than the
 * target's stops drafting when it is full and the target carries on.
 */
class ContextLimitTest {

    // models of their own: LosslessGreedyTest closes its models when it ends
    static final LoadedModel target = TinyFamily.model("target", LosslessGreedyTest.TARGET, LosslessGreedyTest.BASE);
    static final LoadedModel d1 = TinyFamily.model("d1", LosslessGreedyTest.TARGET,
            TinyFamily.perturbed(LosslessGreedyTest.BASE, 0.15, 2));
    static final LoadedModel d2 = TinyFamily.model("d2", LosslessGreedyTest.TARGET,
            TinyFamily.perturbed(LosslessGreedyTest.BASE, 0.4, 3));
    /** d2's weights with a context of 16 positions. */
    static final LoadedModel shortDraft = TinyFamily.model("short", LosslessGreedyTest.TARGET.toBuilder()
            .maxPositions(16).build(), TinyFamily.perturbed(LosslessGreedyTest.BASE, 0.2, 9));

    @AfterContainer
    static void close() {
        target.close();
        d1.close();
        d2.close();
        shortDraft.close();
    }

    private static GenerationResult run(List<LevelSpec> levels, KMatrix k, double lenience, int[] prompt, int n,
                                        int capacity) {
        try (Cascade c = Cascade.build(target, levels, capacity)) {
            return new Generator(c, Set.of()).run(prompt, n, SamplingSettings.GREEDY, () -> new LiveSettings(k, lenience),
                    s -> { }, () -> false);
        }
    }

    @Property(tries = 25, seed = "20261207")
    void everyMethodStopsAtTheContextsCapacityWithPlainDecodingsTokens(
            @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll @IntRange(min = 1, max = 9) int k,
            @ForAll @DoubleRange(min = 1.0, max = 5.0) double lenience, @ForAll @IntRange(min = 1, max = 47) int promptLength,
            @ForAll long seed, @ForAll boolean randomK, @ForAll @IntRange(min = 0, max = 3) int fastMatch,
            @ForAll @IntRange(min = 0, max = 3) int policyIndex) {
        int capacity = 48;
        int[] p = LosslessGreedyTest.prompt(seed, promptLength);
        GenerationResult plain = run(List.of(), null, 1, p, 200, capacity);
        assertEquals(GenerationResult.StopReason.CONTEXT_FULL, plain.stopReason());
        assertEquals(capacity - promptLength, plain.tokens().length, "plain decoding fills the context");
        CopyFastPath fast = fastMatch == 0 ? CopyFastPath.OFF : new CopyFastPath(fastMatch, 1 + k);
        List<LevelSpec> levels = LosslessGreedyTest.cascade(depth, d1, d2, new MaxGramDrafter(LosslessGreedyTest.BIGRAM),
                fast);
        KMatrix km = randomK ? LosslessGreedyTest.randomMatrix(depth, new Random(seed))
                : KMatrix.expand(Math.max(k, depth - 1), depth);
        KPolicy policy = KPolicy.parse(List.of("static", "heuristic", "confidence:0.3", "goodput").get(policyIndex));
        if (policy.adaptsK()) {
            km = null; // an adaptive policy sets k itself from k and depth
        }
        MethodSpec spec = new MethodSpec(MethodSpec.Method.CSD, Math.max(k, depth - 1), lenience, depth, km, null, false,
                fast, policy);
        KMatrix start = spec.kMatrix();
        PolicySettings settings = new PolicySettings(spec, () -> new LiveSettings(start, lenience));
        GenerationResult csd;
        try (Cascade c = Cascade.build(target, levels, capacity)) {
            csd = new Generator(c, Set.of()).run(p, 200, SamplingSettings.GREEDY, settings, settings, () -> false);
        }
        assertArrayEquals(plain.tokens(), csd.tokens(), "CSD " + spec.label() + " stops where plain decoding does");
        assertEquals(GenerationResult.StopReason.CONTEXT_FULL, csd.stopReason());
        GenerationResult sd = run(List.of(new DraftModelLevel(d1)), KMatrix.of(new int[][] {{k}}), lenience, p, 200,
                capacity);
        assertArrayEquals(plain.tokens(), sd.tokens(), "SD stops where plain decoding does");
    }

    @Test
    void aDrafterWithAShorterContextStopsDraftingAndTheTargetCarriesOn() {
        int[] p = LosslessGreedyTest.prompt(3, 6);
        GenerationResult plain = run(List.of(), null, 1, p, 50, 128);
        GenerationResult sd = run(List.of(new DraftModelLevel(shortDraft)), KMatrix.of(new int[][] {{4}}), 1, p, 50, 128);
        assertEquals(50, sd.tokens().length, "the run is not cut at the drafter's 16 positions");
        assertArrayEquals(plain.tokens(), sd.tokens());
        boolean draftedEarly = false;
        for (StepEvent s : sd.steps()) {
            int start = s.emitted().get(0).position();
            boolean drafted = s.targetReview().drafted().length > 0;
            if (start + 1 > 16) {
                assertTrue(!drafted, "no drafts once the sequence passes the drafter's context (step at " + start + ")");
            } else {
                draftedEarly |= drafted;
            }
        }
        assertTrue(draftedEarly, "the drafter drafted while its context had room");
        for (StepEvent s : sd.steps()) {
            for (EmittedToken e : s.emitted()) {
                assertTrue(e.position() < 128);
            }
        }
    }
}
