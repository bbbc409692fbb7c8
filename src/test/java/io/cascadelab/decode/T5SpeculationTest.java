package io.cascadelab.decode;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.model.Goldens;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on encoder-decoders (the T5 fixtures): plain decoding reproduces transformers'
 * greedy tokens; SD with each draft and CS Drafting of every depth are greedy-identical to it;
 * speculative sampling and a lenient cascade sample from the target's distribution exactly.
 */
class T5SpeculationTest {

    static final Path T5 = Path.of("src/test/resources/fixtures/t5");
    static LoadedModel target;   // v1.1, untied head
    static LoadedModel original; // original T5: ReLU, tied and rescaled head
    static LoadedModel small;    // a smaller v1.1
    static List<JsonObject> prompts = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        target = LoadedModel.load(T5.resolve("v11"), Device.cpu());
        original = LoadedModel.load(T5.resolve("original"), Device.cpu());
        small = LoadedModel.load(T5.resolve("v11-draft"), Device.cpu());
        for (JsonElement e : Json.read(T5.resolve("v11/expected.json")).getAsJsonArray("prompts")) {
            prompts.add(e.getAsJsonObject());
        }
    }

    @AfterAll
    static void close() {
        target.close();
        original.close();
        small.close();
    }

    @Test
    void everyMethodIsGreedyIdenticalToPlainDecoding() {
        for (JsonObject p : prompts) {
            int[] input = Goldens.ints(p.getAsJsonArray("encoder_ids"));
            int[] golden = Goldens.ints(p.getAsJsonArray("greedy_ids"));
            int n = 40;
            int[] plain = run(List.of(), null, 1, input, n);
            assertArrayEquals(golden, Arrays.copyOf(plain, golden.length), "plain decoding vs transformers");
            for (LoadedModel d : List.of(original, small)) {
                int[] sd = run(List.of(new DraftModelLevel(d)), KMatrix.of(new int[][] {{5}}), 1, input, n);
                assertArrayEquals(plain, sd, "SD with " + d.name());
            }
            assertArrayEquals(plain, run(List.of(new MaxGramSpec(new MaxGramDrafter())), KMatrix.of(new int[][] {{4}}),
                    1, input, n), "SD with Max-Gram (copying from the encoder input)");
            List<LevelSpec> levels = List.of(new DraftModelLevel(original), new DraftModelLevel(small),
                    new MaxGramSpec(new MaxGramDrafter()));
            for (int depth = 2; depth <= 3; depth++) {
                List<LevelSpec> used = levels.subList(levels.size() - depth, levels.size());
                assertArrayEquals(plain, run(used, KMatrix.expand(6, depth), 3.0, input, n), "CSD depth " + depth);
            }
            // the paper's FLAN-T5 setting: K = [[5,14,10],[0,1,10],[0,0,10]] in the reference code, lenience 2
            assertArrayEquals(plain, run(levels, KMatrix.of(new int[][] {{5, 14, 10}, {0, 1, 10}, {0, 0, 10}}), 2.0,
                    input, n), "CSD with the paper's K");
        }
    }

    private static int[] run(List<LevelSpec> levels, KMatrix k, double lenience, int[] input, int n) {
        try (Cascade c = Cascade.build(target, levels, 128)) {
            return new Generator(c, Set.of()).run(new DecodeInput(input, new int[] {0}), n, SamplingSettings.GREEDY,
                    () -> new LiveSettings(k, lenience), s -> { }, () -> false).tokens();
        }
    }

    static final int N = 2000;
    static final SamplingSettings SAMPLING = SamplingSettings.sampling(1.0, 6, 1.0, 0);

    @Test
    void speculativeSamplingIsExact() {
        assertExact(List.of(new DraftModelLevel(small)), KMatrix.of(new int[][] {{4}}), 1.0, target);
    }

    @Test
    void lenientCascadeIsExact() {
        KMatrix k = KMatrix.of(new int[][] {{2, 2, 3}, {0, 1, 2}, {0, 0, 3}});
        assertExact(List.of(new DraftModelLevel(original), new DraftModelLevel(small),
                new MaxGramSpec(new MaxGramDrafter())), k, 3.0, target);
    }

    @Test
    void theTestDetectsABiasedDistribution() {
        double[] p = pValues(List.of(), null, 1.0, small);
        assertTrue(p[0] < ChiSquare.ALPHA || p[1] < ChiSquare.ALPHA,
                "the draft's samples should be told apart from the target's: p " + Arrays.toString(p));
    }

    private void assertExact(List<LevelSpec> levels, KMatrix k, double lenience, LoadedModel sampler) {
        double[] p = pValues(levels, k, lenience, sampler);
        assertTrue(p[0] > ChiSquare.ALPHA, "first token p " + p[0]);
        assertTrue(p[1] > ChiSquare.ALPHA, "second token p " + p[1]);
    }

    /** p-values of the first and second sampled tokens (top-k 6) against the target's exact marginals. */
    private double[] pValues(List<LevelSpec> levels, KMatrix k, double lenience, LoadedModel runModel) {
        int[] input = Goldens.ints(prompts.get(0).getAsJsonArray("encoder_ids"));
        int vocab = target.config().vocabSize();
        long[][] counts = new long[2][vocab];
        try (Cascade c = Cascade.build(runModel, levels, 64)) {
            Generator g = new Generator(c, Set.of());
            for (int i = 0; i < N; i++) {
                SamplingSettings s = SamplingSettings.sampling(1.0, 6, 1.0, 1000 + i);
                int[] out = g.run(new DecodeInput(input, new int[] {0}), 2, s, () -> new LiveSettings(k, lenience),
                        e -> { }, () -> false).tokens();
                counts[0][out[0]]++;
                counts[1][out[1]]++;
            }
        }
        double[] first = probabilities(input, new int[] {0});
        double[] second = new double[vocab];
        for (int a = 0; a < vocab; a++) {
            if (first[a] > 0) {
                double[] next = probabilities(input, new int[] {0, a});
                for (int b = 0; b < vocab; b++) {
                    second[b] += first[a] * next[b];
                }
            }
        }
        return new double[] {ChiSquare.pValue(counts[0], first), ChiSquare.pValue(counts[1], second)};
    }

    /** The target's sampling distribution after {@code decoded}, reading {@code input}. */
    private static double[] probabilities(int[] input, int[] decoded) {
        try (ModelSession s = target.newSession(16)) {
            s.encode(input);
            float[][] logits = s.forward(decoded, false).logits();
            float[] p = SAMPLING.probabilities(logits[logits.length - 1]);
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = p[i];
            }
            return d;
        }
    }
}
