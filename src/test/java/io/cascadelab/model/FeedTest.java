package io.cascadelab.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link ModelSession#feed}, the prefill that skips the LM head, leaves the cache exactly as a
 * scored forward does: the next token's logits are bit-identical, and the last hidden state too.
 */
class FeedTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final int[] PROMPT = {5, 17, 3, 42, 8, 23, 11, 30, 2, 19};

    private static void checkFeedMatchesForward(Path dir, int[] encoderInput) {
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu());
             ModelSession scored = m.newSession(64); ModelSession fed = m.newSession(64)) {
            if (encoderInput != null) {
                scored.encode(encoderInput);
                fed.encode(encoderInput);
            }
            int[] head = Arrays.copyOf(PROMPT, PROMPT.length - 1);
            ModelSession.Scores s = scored.forward(head, true);
            float[] lastHidden = fed.feed(head, true);
            assertArrayEquals(s.lastHidden(), lastHidden, "the last hidden state");
            assertEquals(scored.length(), fed.length());
            int[] next = {PROMPT[PROMPT.length - 1]};
            assertArrayEquals(scored.forward(next, false).logits()[0], fed.forward(next, false).logits()[0],
                    "the next token's logits after the prefill");
            assertNull(fed.feed(new int[] {7}, false));
        }
    }

    @Test
    void aDecoderOnlyPrefillWithoutLogitsLeavesTheSameCache() {
        checkFeedMatchesForward(FIXTURES.resolve("qwen3"), null);
    }

    @Test
    void anEncoderDecoderPrefillWithoutLogitsLeavesTheSameCache() {
        checkFeedMatchesForward(FIXTURES.resolve("t5/v11"), new int[] {4, 9, 12, 6, 1});
    }
}
