package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.draft.BigramTable;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.StepEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Greedy output of every method (SD with a model, SD with Max-Gram, CS Drafting of any depth,
 * K matrix and lenience) is token-identical to the target's own greedy output.
 */
class LosslessGreedyTest {

    static final int VOCAB = 64;
    static final ModelConfig TARGET = TinyFamily.config(VOCAB, 32, 2, 4);
    static final Map<String, float[]> BASE = TinyFamily.randomValues(TARGET, 1, 0.35);
    static final LoadedModel target = TinyFamily.model("target", TARGET, BASE);
    static final LoadedModel d1 = TinyFamily.model("d1", TARGET, TinyFamily.perturbed(BASE, 0.15, 2));
    static final LoadedModel d2 = TinyFamily.model("d2", TARGET, TinyFamily.perturbed(BASE, 0.4, 3));
    static final BigramTable BIGRAM = bigram();

    private static BigramTable bigram() {
        Random r = new Random(4);
        int[] stream = new int[2000];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = r.nextInt(VOCAB);
        }
        return BigramTable.build(VOCAB, stream);
    }

    @AfterContainer
    static void close() {
        target.close();
        d1.close();
        d2.close();
    }

    static GenerationResult generate(List<LevelSpec> drafters, KMatrix k, double lenience, int[] prompt, int n) {
        try (Cascade c = Cascade.build(target, drafters, 256)) {
            return new Generator(c, Set.of()).run(prompt, n, SamplingSettings.GREEDY,
                    () -> new LiveSettings(k, lenience), s -> { }, () -> false);
        }
    }

    static int[] prompt(long seed, int len) {
        Random r = new Random(seed);
        int[] p = new int[len];
        for (int i = 0; i < len; i++) {
            // a small alphabet makes repeats, so Max-Gram finds matches
            p[i] = r.nextInt(r.nextBoolean() ? 8 : VOCAB);
        }
        return p;
    }

    @Property(tries = 30, seed = "20261207")
    void everyMethodEqualsTargetGreedy(@ForAll @IntRange(min = 1, max = 3) int depth,
                                       @ForAll @IntRange(min = 1, max = 9) int k,
                                       @ForAll @DoubleRange(min = 1.0, max = 6.0) double lenience,
                                       @ForAll @IntRange(min = 1, max = 40) int promptLength,
                                       @ForAll long seed, @ForAll boolean randomK, @ForAll boolean bigram,
                                       @ForAll @IntRange(min = 0, max = 3) int fastMatch) {
        int[] p = prompt(seed, promptLength);
        int n = 20;
        int[] baseline = generate(List.of(), null, 1, p, n).tokens();
        CopyFastPath fast = fastMatch == 0 ? CopyFastPath.OFF : new CopyFastPath(fastMatch, 1 + k);
        List<LevelSpec> levels = cascade(depth, d1, d2, new MaxGramDrafter(bigram ? BIGRAM : null), fast);
        KMatrix km = randomK ? randomMatrix(depth, new Random(seed)) : KMatrix.expand(Math.max(k, depth - 1), depth);
        GenerationResult r = generate(levels, km, lenience, p, n);
        assertArrayEquals(baseline, r.tokens(), "CSD depth " + depth + " K " + km.format() + " l " + lenience
                + " fast path " + fast);
        checkInvariants(r, depth);
        // classic SD with a draft model generating alone (depth 1, no Max-Gram)
        GenerationResult sd = generate(List.of(new DraftModelLevel(d2)), KMatrix.of(new int[][] {{k}}), lenience, p, n);
        assertArrayEquals(baseline, sd.tokens(), "SD with d2, k " + k);
        checkInvariants(sd, 1);
    }

    /** A cascade of {@code depth} levels: d1 (depth 3), d2 (depth 2 and up), then Max-Gram with its fast path. */
    static List<LevelSpec> cascade(int depth, LoadedModel d1, LoadedModel d2, MaxGramDrafter mag, CopyFastPath fast) {
        List<LevelSpec> levels = new ArrayList<>();
        if (depth >= 3) {
            levels.add(new DraftModelLevel(d1));
        }
        if (depth >= 2) {
            levels.add(new DraftModelLevel(d2));
        }
        levels.add(new MaxGramSpec(mag, fast));
        return levels;
    }

    static KMatrix randomMatrix(int depth, Random r) {
        int[][] m = new int[depth][depth];
        for (int row = 0; row < depth; row++) {
            for (int col = row; col < depth; col++) {
                m[row][col] = r.nextInt(5);
            }
            m[row][depth - 1] += 1;
        }
        return KMatrix.of(m);
    }

    /** Emitted = accepted drafts + one target token per step; positions contiguous; metrics agree. */
    static void checkInvariants(GenerationResult r, int depth) {
        checkInvariants(r, depth, Set.of());
    }

    /** As above; {@code proposers} are drafters that call a model without reviewing (an MLP speculator). */
    static void checkInvariants(GenerationResult r, int depth, Set<String> proposers) {
        int emitted = 0;
        int pos = r.prompt().length;
        for (StepEvent s : r.steps()) {
            int targetTokens = 0;
            for (EmittedToken e : s.emitted()) {
                assertEquals(pos++, e.position());
                if (e.origin().isTarget()) {
                    targetTokens++;
                }
            }
            boolean cut = s.step() == r.steps().size() - 1;
            assertTrue(cut ? targetTokens <= 1 : targetTokens == 1, "one target token per step");
            if (!cut) {
                assertEquals(s.targetReview().accepted() + 1, s.emitted().size());
            }
            emitted += s.emitted().size();
        }
        assertEquals(r.tokens().length, emitted);
        RunMetrics m = RunMetrics.compute(r.steps(), r.decodeNanos(), r.prefillNanos(), Map.of(), "target");
        assertEquals(r.steps().size(), m.forwardPasses().get("target"));
        assertEquals(r.steps().size(), m.steps());
        long calls = r.steps().stream().flatMap(s -> s.calls().stream()).filter(c -> c.level() == 0).count();
        assertEquals(m.steps(), calls, "one target call per step");
        java.util.Map<String, Long> perModel = new java.util.HashMap<>();
        r.steps().forEach(s -> s.calls().stream().filter(c -> !c.model().equals("MaG"))
                .forEach(c -> perModel.merge(c.model(), 1L, Long::sum)));
        perModel.forEach((model, n) -> assertEquals(n.intValue(), m.forwardPasses().get(model), "calls of " + model));
        assertEquals(perModel.keySet(), m.forwardPasses().keySet());
        long reviews = r.steps().stream().mapToLong(s -> s.reviews().size()).sum();
        long reviewerCalls = perModel.entrySet().stream().filter(e -> !proposers.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(reviewerCalls, reviews, "one forward pass per review");
    }
}
