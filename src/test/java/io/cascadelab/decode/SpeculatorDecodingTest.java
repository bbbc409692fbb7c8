package io.cascadelab.decode;

import io.cascadelab.draft.speculator.SpeculatorSpec;
import io.cascadelab.draft.speculator.SpeculatorLevel;
import ai.djl.Device;

import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.draft.MlpSpeculatorWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelSession;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.StepRecorder;
import io.cascadelab.trace.TokenOrigin;




import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MLP speculator in the engine: greedy output equals the target's own greedy output (chain,
 * chain + Max-Gram, candidate tree), the hidden-state hook hands over the right state, sampling
 * drafts carry the distribution they were drawn from, and the trace names heads and candidates.
 */
class SpeculatorDecodingTest {

    static final int VOCAB = LosslessGreedyTest.VOCAB;
    static final MlpSpeculator untied = TinySpeculator.random(false, 21);
    static final MlpSpeculator tied = TinySpeculator.random(true, 22);

    @AfterAll
    static void close() {
        untied.close();
        tied.close();
    }

    static GenerationResult run(List<LevelSpec> levels, KMatrix k, SamplingSettings s, int[] prompt, int n) {
        try (Cascade c = Cascade.build(TinySpeculator.TARGET, levels, 256)) {
            return new Generator(c, java.util.Set.of()).run(prompt, n, s, () -> new LiveSettings(k, 1), e -> { }, () -> false);
        }
    }

    @Test
    void theTargetHandsTheSpeculatorTheStateThatEmittedTheLastToken() {
        int[] prompt = LosslessGreedyTest.prompt(5, 12);
        try (ModelSession s = TinySpeculator.TARGET.newSession(128); ModelSession ref = TinySpeculator.TARGET.newSession(128)) {
            ModelScorer scorer = new ModelScorer(s, true);
            scorer.prefill(DecodeInput.decoderOnly(prompt));
            assertRowEquals(ref, prompt, scorer.hiddenBeforeLast(prompt));
            int[] drafts = {3, 4, 5};
            ModelScorer.Pass pass = scorer.score(prompt, drafts, 1.0);
            int accepted = 2;
            int extra = Distribution.argmax(pass.probabilities()[accepted]);
            int[] next = java.util.Arrays.copyOf(prompt, prompt.length + accepted + 1);
            next[prompt.length] = 3;
            next[prompt.length + 1] = 4;
            next[prompt.length + 2] = extra;
            assertRowEquals(ref, next, scorer.hiddenBeforeLast(next));
            next[prompt.length + 1] = 9; // a sequence the target never scored
            assertNull(scorer.hiddenBeforeLast(next));
        }
    }

    private static void assertRowEquals(ModelSession ref, int[] seq, float[] got) {
        assertNotNull(got);
        ref.truncate(0);
        float[] want = ref.forward(java.util.Arrays.copyOf(seq, seq.length - 1), true).lastHidden();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4, "hidden[" + i + "]");
        }
    }

    @Test
    void samplingDraftsAreDrawnFromTheDistributionTheyCarry() {
        int[] prompt = LosslessGreedyTest.prompt(8, 10);
        SamplingSettings sampling = SamplingSettings.sampling(0.8, 20, 0.95, 3);
        try (ModelSession s = TinySpeculator.TARGET.newSession(128)) {
            ModelScorer scorer = new ModelScorer(s, true);
            scorer.prefill(DecodeInput.decoderOnly(prompt));
            SpeculatorLevel level = new SpeculatorLevel(untied, "spec", 1, scorer, 3, false);
            StepScope scope = new StepScope(prompt.length, sampling, 1, null, new SplittableRandom(77),
                    new StepRecorder(System.nanoTime()), 128, () -> false);
            List<DraftToken> drafts = level.draft(scope, prompt, 3);
            assertEquals(3, drafts.size());
            SplittableRandom replay = new SplittableRandom(77);
            try (MlpSpeculator.Chain chain = untied.chain(scorer.hiddenBeforeLast(prompt))) {
                int tok = prompt[prompt.length - 1];
                for (DraftToken d : drafts) {
                    float[] q = sampling.filter(chain.next(tok, sampling.softmaxTemperature()));
                    assertArrayEquals(q, d.q(), "q is the head's processed distribution");
                    tok = Distribution.sample(q, replay);
                    assertEquals(tok, d.token(), "the token is a draw from q with the run's random stream");
                }
            }
        }
    }

    @Test
    void samplingWithTheChainRunsAndCountsPerHeadAcceptance() {
        int[] prompt = LosslessGreedyTest.prompt(9, 6);
        GenerationResult r = run(List.of(new SpeculatorSpec(tied, 3, false)), KMatrix.of(new int[][] {{3}}),
                SamplingSettings.sampling(1.0, 0, 1.0, 5), prompt, 24);
        assertEquals(24, r.tokens().length);
        Map<String, double[]> perHead = RunMetrics.headAcceptance(r.steps());
        assertTrue(perHead.containsKey("spec-tied"), perHead.keySet().toString());
        assertTrue(perHead.get("spec-tied").length >= 1);
    }
}
