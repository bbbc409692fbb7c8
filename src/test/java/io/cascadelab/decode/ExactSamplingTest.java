package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.draft.BigramTable;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampled output follows the target's distribution exactly, through speculative sampling and
 * through a lenient CS Drafting cascade: chi-square of the empirical distribution of the first
 * and the second generated token against the target's exact distribution (vocabulary 6, fixed
 * seeds). The same statistic on the draft model's own samples must reject, which shows the
 * sample size catches a real bias.
 */
class ExactSamplingTest {

    static final int VOCAB = 6;
    static final int N = 2000;
    /** Chi-square critical value for 5 degrees of freedom at p = 0.001. */
    static final double CRITICAL = 20.515;

    static final ModelConfig CONFIG = TinyFamily.config(VOCAB, 16, 1, 2);
    static final Map<String, float[]> BASE = TinyFamily.randomValues(CONFIG, 11, 0.5);
    static final LoadedModel target = TinyFamily.model("target", CONFIG, BASE);
    static final LoadedModel d1 = TinyFamily.model("d1", CONFIG, TinyFamily.perturbed(BASE, 0.5, 12));
    static final LoadedModel d2 = TinyFamily.model("d2", CONFIG, TinyFamily.perturbed(BASE, 1.0, 13));
    static final int[] PROMPT = {1, 4, 2, 1, 4};
    static final SamplingSettings SAMPLING = SamplingSettings.sampling(1.0, 0, 1.0, 0);

    @AfterAll
    static void close() {
        target.close();
        d1.close();
        d2.close();
    }

    @Test
    void speculativeSamplingWithADraftModelIsExact() {
        assertExact(List.of(new DraftModelLevel(d2)), KMatrix.of(new int[][] {{4}}), 1.0, target);
    }

    @Test
    void lenientCascadeIsExact() {
        MaxGramDrafter mag = new MaxGramDrafter(BigramTable.of(new int[] {4, 2, 1, 5, 0, 3}));
        KMatrix k = KMatrix.of(new int[][] {{2, 2, 3}, {0, 1, 2}, {0, 0, 3}});
        assertExact(List.of(new DraftModelLevel(d1), new DraftModelLevel(d2), new MaxGramSpec(mag)), k, 3.0,
                target);
    }

    @Test
    void cascadeWithMaxGramFastPathIsExact() {
        // PROMPT ends with "1 4", which also starts it: Max-Gram's copy has a 2-token match
        MaxGramDrafter mag = new MaxGramDrafter(BigramTable.of(new int[] {4, 2, 1, 5, 0, 3}));
        KMatrix k = KMatrix.of(new int[][] {{2, 2, 3}, {0, 1, 2}, {0, 0, 3}});
        assertExact(List.of(new DraftModelLevel(d1), new DraftModelLevel(d2),
                new MaxGramSpec(mag, new CopyFastPath(2, 4))), k, 3.0, target);
    }

    @Test
    void theTestDetectsABiasedDistribution() {
        // Plain sampling from the draft model is what an acceptance rule that kept every draft would emit.
        double[][] stats = chiSquares(List.of(), null, 1.0, d2);
        assertTrue(stats[0][0] > CRITICAL || stats[1][0] > CRITICAL,
                "draft samples should be told apart from the target: chi2 " + stats[0][0] + ", " + stats[1][0]);
    }

    private void assertExact(List<LevelSpec> levels, KMatrix k, double lenience, LoadedModel sampler) {
        double[][] stats = chiSquares(levels, k, lenience, sampler);
        assertTrue(stats[0][0] < CRITICAL, "first token chi2 " + stats[0][0]);
        assertTrue(stats[1][0] < CRITICAL, "second token chi2 " + stats[1][0]);
    }

    /** Chi-square of first and second generated tokens of runs with {@code runModel} as the target. */
    private double[][] chiSquares(List<LevelSpec> levels, KMatrix k, double lenience, LoadedModel runModel) {
        int[][] counts = new int[2][VOCAB];
        try (Cascade c = Cascade.build(runModel, levels, 64)) {
            Generator g = new Generator(c, Set.of());
            for (int i = 0; i < N; i++) {
                SamplingSettings s = SamplingSettings.sampling(1.0, 0, 1.0, 1000 + i);
                int[] out = g.run(PROMPT, 2, s, () -> new LiveSettings(k, lenience), e -> { }, () -> false).tokens();
                counts[0][out[0]]++;
                counts[1][out[1]]++;
            }
        }
        double[][] exact = exactMarginals();
        return new double[][] {{chi2(counts[0], exact[0])}, {chi2(counts[1], exact[1])}};
    }

    /** The target's own distribution of the first token and the marginal of the second. */
    static double[][] exactMarginals() {
        double[] first = probs(PROMPT);
        double[] second = new double[VOCAB];
        for (int a = 0; a < VOCAB; a++) {
            int[] p = java.util.Arrays.copyOf(PROMPT, PROMPT.length + 1);
            p[PROMPT.length] = a;
            double[] next = probs(p);
            for (int b = 0; b < VOCAB; b++) {
                second[b] += first[a] * next[b];
            }
        }
        return new double[][] {first, second};
    }

    static double[] probs(int[] prefix) {
        try (ModelSession s = target.newSession(64)) {
            float[][] logits = s.forward(prefix, false).logits();
            float[] p = SAMPLING.probabilities(logits[logits.length - 1]);
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = p[i];
            }
            return d;
        }
    }

    static double chi2(int[] counts, double[] p) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        double x = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = n * p[i];
            x += (counts[i] - e) * (counts[i] - e) / e;
        }
        return x;
    }
}
