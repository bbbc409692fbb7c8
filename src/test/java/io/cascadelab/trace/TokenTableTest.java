package io.cascadelab.trace;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A trace's token texts decode as the tokenizer would, without it. */
class TokenTableTest {

    /** Byte-level symbols: "Ġ" is the space byte, "Ã" and "©" the two bytes of "é". */
    private static final TokenTable BYTES = new TokenTable(true, Map.of(1, "Ġcaf", 2, "Ã", 3, "©"));

    @Test
    void aCharacterSplitAcrossTokensDecodesWhole() {
        assertEquals(" café", BYTES.decode(new int[] {1, 2, 3}));
    }

    @Test
    void halfACharacterIsTheReplacementCharacter() {
        assertEquals(" caf\uFFFD", BYTES.decode(new int[] {1, 2}));
    }

    @Test
    void idsMissingFromTheTableShowAsIds() {
        assertEquals(" caf⟨9⟩é", BYTES.decode(new int[] {1, 9, 2, 3}));
        assertEquals("a⟨4⟩", new TokenTable(false, Map.of(1, "a")).decode(new int[] {1, 4}));
    }
}
