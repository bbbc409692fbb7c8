package io.cascadelab.draft.maxgram;

import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.LevelContext;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.StepScope;
import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.trace.StepRecorder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** For an encoder-decoder, Max-Gram copies from the encoder input and the decoded text across the two. */
class MaxGramEncoderInputTest {

    private static final int START = 0; // the decoder start token

    private final Drafter maxGram = new MaxGramSpec(new MaxGramDrafter())
            .create(new LevelContext("mag", 1, 64, null, List.of(), s -> { }));

    @Test
    void copiesFromTheEncoderInput() {
        int[] input = {5, 6, 7, 8, 9, 1};
        List<DraftToken> d = maxGram.draft(scope(input), new int[] {START, 5, 6}, 3);
        assertEquals(List.of(7, 8, 9), d.stream().map(DraftToken::token).toList());
        CopySource src = d.get(0).origin().copy();
        assertEquals(CopySource.Kind.PROMPT, src.kind());
        assertEquals(2, src.index(), "position 2 of the encoder input");
        assertEquals(2, src.matchLength());
    }

    @Test
    void copiesFromTheDecodedTextWhenTheInputHasNoMatch() {
        int[] input = {10, 11, 1};
        List<DraftToken> d = maxGram.draft(scope(input), new int[] {START, 5, 6, 7, 5, 6}, 2);
        assertEquals(List.of(7, 5), d.stream().map(DraftToken::token).toList());
        CopySource src = d.get(0).origin().copy();
        assertEquals(CopySource.Kind.GENERATED, src.kind());
        assertEquals(2, src.index(), "the third decoded token after the start");
    }

    private static StepScope scope(int[] encoderInput) {
        return new StepScope(1, SamplingSettings.GREEDY, 1, null, new Random(1), new StepRecorder(0), 64, () -> false,
                0, encoderInput);
    }
}
