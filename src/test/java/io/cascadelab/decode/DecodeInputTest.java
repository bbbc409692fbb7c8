package io.cascadelab.decode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run is (encoder input, decoded start): decoder-only runs are the prompt as the start; a decoder-only model refuses an encoder input. */
class DecodeInputTest {

    @Test
    void aDecoderOnlyInputIsThePromptAndADecoderOnlyModelRefusesAnEncoderInput() {
        int[] prompt = LosslessGreedyTest.prompt(3, 9);
        try (Cascade c = Cascade.build(LosslessGreedyTest.target, List.of(), 64)) {
            Generator g = new Generator(c, Set.of());
            GenerationResult a = g.run(prompt, 8, SamplingSettings.GREEDY, () -> new LiveSettings(null, 1), e -> { }, () -> false);
            GenerationResult b = g.run(DecodeInput.decoderOnly(prompt), 8, SamplingSettings.GREEDY,
                    () -> new LiveSettings(null, 1), e -> { }, () -> false);
            assertArrayEquals(a.tokens(), b.tokens());
            assertArrayEquals(prompt, b.prompt());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.run(
                    new DecodeInput(prompt, new int[] {0}), 8, SamplingSettings.GREEDY, () -> new LiveSettings(null, 1),
                    ev -> { }, () -> false));
            assertTrue(e.getMessage().contains("decoder-only"), e.getMessage());
        }
    }
}
