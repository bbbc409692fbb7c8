package io.cascadelab.draft.suffix;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.TinyFamily;
import io.cascadelab.draft.CopySource;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suffix drafter alone (SD), at the bottom of a cascade and beside Max-Gram is lossless, and remembers earlier runs. */
class SuffixDrafterTest {

    static final int VOCAB = 64;
    static final ModelConfig CONFIG = TinyFamily.config(VOCAB, 32, 2, 4);
    static final Map<String, float[]> BASE = TinyFamily.randomValues(CONFIG, 11, 0.35);
    static final LoadedModel target = TinyFamily.model("target", CONFIG, BASE);
    static final LoadedModel d1 = TinyFamily.model("d1", CONFIG, TinyFamily.perturbed(BASE, 0.15, 12));
    static final LoadedModel d2 = TinyFamily.model("d2", CONFIG, TinyFamily.perturbed(BASE, 0.4, 13));
    static final ModelFamily FAMILY = new ModelFamily(target, List.of(d1, d2), null);

    @AfterContainer
    static void close() {
        FAMILY.close();
    }

    static int[] prompt(long seed, int len) {
        Random r = new Random(seed);
        int[] p = new int[len];
        for (int i = 0; i < len; i++) {
            p[i] = r.nextInt(r.nextBoolean() ? 8 : VOCAB); // a small alphabet makes repeats to match
        }
        return p;
    }

    static GenerationResult run(MethodSpec m, int[] prompt, int n) {
        return Runner.run(FAMILY, new Runner.Request(m, SamplingSettings.GREEDY, n), prompt, "", List.of(), null,
                e -> { }, () -> false, "cpu").result();
    }

    @Property(tries = 25, seed = "20261207")
    void everyPlacementOfTheSuffixDrafterEqualsTargetGreedy(@ForAll @IntRange(min = 1, max = 3) int depth,
                                                            @ForAll @IntRange(min = 1, max = 9) int k,
                                                            @ForAll @DoubleRange(min = 1.0, max = 5.0) double lenience,
                                                            @ForAll @IntRange(min = 1, max = 40) int promptLength,
                                                            @ForAll long seed, @ForAll boolean withMaxGram,
                                                            @ForAll boolean fastPath) {
        int[] p = prompt(seed, promptLength);
        int n = 24;
        int[] baseline = run(MethodSpec.ar(), p, n).tokens();
        MethodSpec sd = new MethodSpec(MethodSpec.Method.SD, k, 1, 1, null, SuffixKind.ID);
        assertArrayEquals(baseline, run(sd, p, n).tokens(), "SD with the suffix drafter, k " + k);
        String bottom = withMaxGram ? "suffix+mag" : "suffix";
        MethodSpec csd = new MethodSpec(MethodSpec.Method.CSD, Math.max(k, depth - 1), lenience, depth, null, null, false,
                fastPath ? new CopyFastPath(2, 8) : CopyFastPath.OFF).withBottom(bottom);
        GenerationResult r = run(csd, p, n);
        assertArrayEquals(baseline, r.tokens(), csd.label());
        for (StepEvent s : r.steps().subList(0, r.steps().size() - 1)) { // the last may be cut at n tokens
            assertEquals(s.targetReview().accepted() + 1, s.emitted().size(), "accepted drafts plus the target's own token");
        }
    }

    @Test
    void aRepeatedPromptIsDraftedFromTheEarlierRun() {
        int[] p = prompt(5, 12);
        MethodSpec sd = new MethodSpec(MethodSpec.Method.SD, 8, 1, 1, null, SuffixKind.ID);
        SuffixHistory.forget(target);
        GenerationResult first = run(sd, p, 48);
        GenerationResult second = run(sd, p, 48);
        assertArrayEquals(first.tokens(), second.tokens());
        long fromHistory = second.steps().stream().flatMap(s -> s.emitted().stream()).map(EmittedToken::origin)
                .filter(o -> o.copy() != null && o.copy().kind() == CopySource.Kind.HISTORY).count();
        assertTrue(fromHistory > 0, "the second run copies from the first");
        assertTrue(second.steps().size() < first.steps().size(),
                "steps: first run " + first.steps().size() + ", second " + second.steps().size());
        TokenOrigin o = second.steps().get(0).emitted().get(0).origin();
        assertEquals(SuffixKind.ID, o.drafter());
        assertTrue(o.copy().count() >= 1, "the count is its confidence");
    }

    @Test
    void itIsRegisteredAsAStatisticalDrafterWithItsOwnColour() {
        assertNotNull(DrafterKinds.find("suffix"));
        assertTrue(DrafterKinds.colours().containsKey("prov-suffix"));
        assertEquals(KMatrix.of(new int[][] {{6}}), new MethodSpec(MethodSpec.Method.SD, 6, 1, 1, null, "suffix").kMatrix());
    }
}
