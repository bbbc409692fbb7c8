package io.cascadelab.draft.suffix;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.DecodeInput;
import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.LevelContext;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.StepScope;
import io.cascadelab.decode.T5Family;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.StepRecorder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For an encoder-decoder the suffix drafter, like Max-Gram, reads the encoder input ahead of the
 * decoded text, and names its copies as Max-Gram does: prompt indices count from the encoder
 * input's start, generated ones from the first new token.
 */
class SuffixEncoderInputTest {

    private static final int START = 0; // the decoder start token

    private Drafter suffix(DecodeInput input) {
        Drafter d = new SuffixSpec(SuffixHistory.of(new Object(), SuffixKind.DEPTH), SuffixKind.DEPTH, CopyFastPath.DEFAULT)
                .create(new LevelContext("Suffix", 1, 64, null, List.of(), s -> { }));
        d.start(input);
        return d;
    }

    @Test
    void copiesFromTheEncoderInput() {
        int[] input = {5, 6, 7, 8, 9, 1};
        List<DraftToken> d = suffix(new DecodeInput(input, new int[] {START})).draft(scope(input), new int[] {START, 5, 6}, 3);
        assertEquals(List.of(7, 8, 9), d.stream().map(DraftToken::token).toList());
        CopySource src = d.get(0).origin().copy();
        assertEquals(CopySource.Kind.PROMPT, src.kind());
        assertEquals(2, src.index(), "position 2 of the encoder input");
    }

    @Test
    void copiesFromTheDecodedTextCountFromTheFirstNewToken() {
        int[] input = {10, 11, 1};
        Drafter s = suffix(new DecodeInput(input, new int[] {START}));
        int[] decoded = {START, 5, 6, 7, 5, 6};
        s.accepted(decoded, 5);
        List<DraftToken> d = s.draft(scope(input), decoded, 1);
        assertEquals(List.of(7), d.stream().map(DraftToken::token).toList());
        CopySource src = d.get(0).origin().copy();
        assertEquals(CopySource.Kind.GENERATED, src.kind());
        assertEquals(2, src.index(), "the third decoded token after the start");
    }

    @Test
    void onAT5FamilyItDraftsFromTheEncoderInputAndIsGreedyIdentical() {
        try (ModelFamily f = T5Family.load()) {
            int[] prompt = f.target().tokenizer().encode(T5Family.COPYING_PROMPT);
            int[] plain = run(f, MethodSpec.ar(), prompt).result().tokens();
            SuffixHistory.forget(f.target());
            Runner.Output sd = run(f, new MethodSpec(MethodSpec.Method.SD, 4, 1, 1, null, SuffixKind.ID), prompt);
            assertArrayEquals(plain, sd.result().tokens());
            long fromInput = sd.trace().steps().stream().flatMap(s -> s.reviews().stream())
                    .flatMap(r -> r.origins().stream())
                    .filter(o -> o.copy() != null && o.copy().kind() == CopySource.Kind.PROMPT
                            && o.copy().index() < prompt.length)
                    .count();
            assertTrue(fromInput > 0, "drafts copied from the encoder input");
        }
    }

    private static Runner.Output run(ModelFamily f, MethodSpec m, int[] prompt) {
        return Runner.run(f, new Runner.Request(m, SamplingSettings.GREEDY, 40), prompt, "", List.of(), null, e -> { },
                () -> false, "cpu");
    }

    private static StepScope scope(int[] encoderInput) {
        return new StepScope(1, SamplingSettings.GREEDY, 1, null, new Random(1), new StepRecorder(0), 64, () -> false,
                0, encoderInput);
    }
}
