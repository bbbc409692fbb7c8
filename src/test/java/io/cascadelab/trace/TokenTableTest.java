package io.cascadelab.trace;

import io.cascadelab.model.TextTokenizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void sentencePieceWordsKeepTheirSpaceInsideATextAndLoseItAtItsStart() {
        // T5's Unigram tokenizer (Metaspace) and a Llama-2 style one (Replace, ByteFallback, Strip)
        for (String fixture : new String[] {"t5/v11", "llama-tied-f16"}) {
            try (TextTokenizer t = TextTokenizer.load(Path.of("src/test/resources/fixtures", fixture))) {
                int[] ids = t.encode("In the beginning God created the heaven and the earth.\nAnd the earth was void;", false);
                Set<Integer> set = new HashSet<>();
                Arrays.stream(ids).forEach(set::add);
                TokenTable table = TokenTable.of(t, set);
                assertFalse(table.byteLevel(), fixture);
                assertTrue(table.leadingSpaceDropped(), fixture);
                for (int from = 0; from < ids.length; from++) {
                    for (int to = from; to <= Math.min(ids.length, from + 7); to++) {
                        int[] window = Arrays.copyOfRange(ids, from, to);
                        assertEquals(t.decode(window), table.decode(window), fixture + " " + Arrays.toString(window));
                    }
                }
            }
        }
    }

    @Test
    void aTableFromAnOlderTraceConcatenatesItsTexts() {
        assertEquals(" a b", new TokenTable(false, Map.of(1, " a", 2, " b")).decode(new int[] {1, 2}));
    }
}
