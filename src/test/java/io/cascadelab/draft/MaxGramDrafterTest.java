package io.cascadelab.draft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MaxGramDrafterTest {

    private final MaxGramDrafter mag = new MaxGramDrafter();

    @Test
    void theLongestMatchWinsOverAnEarlierShorterOne() {
        // suffix "4 1 2": "3 1 2" at prompt 0..2 matches 2 tokens, "4 1 2" at prompt 4..6 matches 3
        int[] prompt = {3, 1, 2, 9, 4, 1, 2, 7};
        List<MaxGramProposal> out = mag.propose(prompt, new int[] {4, 1, 2}, 3);
        assertArrayEquals(new int[] {7, 4, 1}, MaxGramDrafter.tokens(out));
        assertEquals(new CopySource(CopySource.Kind.PROMPT, 7, 3), out.get(0).source());
        assertEquals(new CopySource(CopySource.Kind.GENERATED, 0, 3), out.get(1).source(),
                "a prompt match near its end continues into the generated text");
        assertEquals(new CopySource(CopySource.Kind.GENERATED, 1, 3), out.get(2).source());
    }

    @Test
    void theEarliestOccurrenceWinsATie() {
        int[] prompt = {1, 2, 8, 1, 2, 9};
        List<MaxGramProposal> out = mag.propose(prompt, new int[] {1, 2}, 1);
        assertEquals(List.of(new MaxGramProposal(8, new CopySource(CopySource.Kind.PROMPT, 2, 2))), out);
    }

    @Test
    void aOneTokenMatchSuffices() {
        // "6 5 7 | 5": the prompt's 5 matches 1 token; its followers 7 and then the current end, not copied
        List<MaxGramProposal> out = mag.propose(new int[] {6, 5, 7}, new int[] {5}, 2);
        assertArrayEquals(new int[] {7}, MaxGramDrafter.tokens(out));
        assertEquals(1, out.get(0).source().matchLength());
    }

    @Test
    void thePromptIsSearchedBeforeTheGeneratedText() {
        // generated holds "3 4 2" (a 3-token match) but the prompt's 1-token match of "2" wins
        int[] prompt = {7, 2, 5};
        int[] generated = {3, 4, 2, 6, 3, 4, 2};
        List<MaxGramProposal> out = mag.propose(prompt, generated, 3);
        assertArrayEquals(new int[] {5, 3, 4}, MaxGramDrafter.tokens(out));
        assertEquals(new CopySource(CopySource.Kind.PROMPT, 2, 1), out.get(0).source());
    }

    @Test
    void theGeneratedTextIsSearchedWhenThePromptHasNoMatch() {
        List<MaxGramProposal> out = mag.propose(new int[] {7, 8}, new int[] {1, 2, 3, 1, 2}, 5);
        assertEquals(List.of(
                new MaxGramProposal(3, new CopySource(CopySource.Kind.GENERATED, 2, 2)),
                new MaxGramProposal(1, new CopySource(CopySource.Kind.GENERATED, 3, 2))), out,
                "copying stops before the current end; without a bigram table nothing more is proposed");
    }

    @Test
    void aMatchInGeneratedTextMayExtendBackIntoThePrompt() {
        // suffix "9 1", generated occurrence of "1" at generated 0 is preceded by the prompt's 9
        List<MaxGramProposal> out = mag.propose(new int[] {9}, new int[] {1, 4, 9, 1}, 1);
        assertEquals(new MaxGramProposal(4, new CopySource(CopySource.Kind.GENERATED, 1, 2)), out.get(0));
    }

    @Test
    void neverCopiesTheTokenAtTheCurrentEnd() {
        // "5 6 5": the match at 0 may copy 6 (index 1) but not the final 5 (index 2)
        assertArrayEquals(new int[] {6}, MaxGramDrafter.tokens(mag.propose(new int[] {5, 6, 5}, new int[0], 4)));
        // "6 5 5": the only earlier 5 is followed by the current end itself: no match at all
        assertTrue(mag.propose(new int[] {6, 5}, new int[] {5}, 4).isEmpty());
    }

    @Test
    void theSuffixNeverMatchesItself() {
        assertTrue(mag.propose(new int[] {1, 2, 3}, new int[] {4}, 3).isEmpty());
        assertTrue(mag.propose(new int[] {4}, new int[0], 3).isEmpty());
    }

    @Test
    void theBigramTableFillsAfterTheCopiedTokens() {
        BigramTable bigram = BigramTable.of(new int[] {-1, 0, 1, 2, 3, -1});
        MaxGramDrafter withBigram = new MaxGramDrafter(bigram);
        List<MaxGramProposal> out = withBigram.propose(new int[] {7, 8}, new int[] {1, 2, 3, 1, 2}, 5);
        // copies 3, 1 (generated), then bigram 1 -> 0, and 0 has no successor
        assertArrayEquals(new int[] {3, 1, 0}, MaxGramDrafter.tokens(out));
        assertEquals(CopySource.bigram(), out.get(2).source());
        assertEquals(new CopySource(CopySource.Kind.BIGRAM, -1, 1), out.get(2).source());
    }

    @Test
    void theBigramTableChainsFromTheLastTokenWhenNothingMatches() {
        BigramTable bigram = BigramTable.of(new int[] {1, 2, 0});
        List<MaxGramProposal> out = new MaxGramDrafter(bigram).propose(new int[] {1}, new int[] {2}, 4);
        assertArrayEquals(new int[] {0, 1, 2, 0}, MaxGramDrafter.tokens(out));
    }

    @Test
    void noMatchAndNoBigramProposesNothing() {
        assertTrue(mag.propose(new int[] {1, 2, 3}, new int[] {4, 5}, 5).isEmpty());
    }

    @Test
    void proposesAtMostNTokens() {
        int[] prompt = {1, 2, 3, 4, 5, 6, 7, 8, 1};
        assertEquals(3, mag.propose(prompt, new int[0], 3).size());
        assertTrue(mag.propose(prompt, new int[0], 0).isEmpty());
        assertTrue(mag.propose(new int[0], new int[0], 3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> mag.propose(prompt, new int[0], -1));
    }

    @Test
    void theSingleBufferFormEqualsTheTwoArrayForm() {
        int[] prompt = {3, 1, 2, 9, 4, 1, 2, 7};
        int[] generated = {4, 1, 2};
        int[] sequence = {3, 1, 2, 9, 4, 1, 2, 7, 4, 1, 2};
        assertEquals(mag.propose(prompt, generated, 5), mag.propose(sequence, prompt.length, 5));
    }

    @Test
    void aLinearScanHandlesThousandsOfRepetitiveTokens() {
        int[] prompt = new int[4000]; // all zeros: every position matches, match lengths up to 4000
        int[] generated = new int[2000];
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 200; i++) {
                List<MaxGramProposal> out = mag.propose(prompt, generated, 10);
                assertEquals(10, out.size());
                assertEquals(new CopySource(CopySource.Kind.GENERATED, 0, 4000), out.get(0).source(),
                        "prompt position e matches e + 1 tokens: the last prompt position is the longest");
            }
        });
    }

    @Property(tries = 1000, seed = "2312114620")
    void agreesWithTheObviousQuadraticSearch(
            @ForAll @Size(max = 14) List<@IntRange(min = 0, max = 3) Integer> prompt,
            @ForAll @Size(max = 14) List<@IntRange(min = 0, max = 3) Integer> generated,
            @ForAll @IntRange(min = 0, max = 8) int n,
            @ForAll @Size(4) List<@IntRange(min = -1, max = 3) Integer> bigramEntries,
            @ForAll boolean useBigram) {
        int[] p = prompt.stream().mapToInt(Integer::intValue).toArray();
        int[] g = generated.stream().mapToInt(Integer::intValue).toArray();
        BigramTable bigram = useBigram ? BigramTable.of(bigramEntries.stream().mapToInt(Integer::intValue).toArray()) : null;
        List<MaxGramProposal> out = new MaxGramDrafter(bigram).propose(p, g, n);
        assertEquals(reference(p, g, n, bigram), out);
        int end = p.length + g.length - 1;
        for (MaxGramProposal proposal : out) {
            CopySource src = proposal.source();
            int position = src.kind() == CopySource.Kind.PROMPT ? src.index() : p.length + src.index();
            assertTrue(src.kind() == CopySource.Kind.BIGRAM || position < end, "never the current end");
        }
    }

    /** The rule of docs/ALGORITHMS.md written the slow, obvious way: the property test compares against it. */
    static List<MaxGramProposal> reference(int[] prompt, int[] generated, int n, BigramTable bigram) {
        int[] s = new int[prompt.length + generated.length];
        System.arraycopy(prompt, 0, s, 0, prompt.length);
        System.arraycopy(generated, 0, s, prompt.length, generated.length);
        int length = s.length;
        List<MaxGramProposal> out = new ArrayList<>();
        if (n == 0 || length == 0) {
            return out;
        }
        int best = -1;
        int bestLength = 0;
        for (int stage = 0; stage < 2 && best < 0; stage++) {
            int from = stage == 0 ? 0 : prompt.length;
            int to = stage == 0 ? prompt.length - 1 : length - 1;
            for (int e = from; e <= to; e++) {
                if (e + 1 > length - 2) {
                    continue; // the follower must exist before the current end
                }
                int m = 0;
                while (e - m >= 0 && s[e - m] == s[length - 1 - m]) {
                    m++;
                }
                if (m > bestLength) {
                    best = e;
                    bestLength = m;
                }
            }
        }
        if (best >= 0) {
            for (int pos = best + 1; pos <= length - 2 && out.size() < n; pos++) {
                out.add(new MaxGramProposal(s[pos], pos < prompt.length
                        ? new CopySource(CopySource.Kind.PROMPT, pos, bestLength)
                        : new CopySource(CopySource.Kind.GENERATED, pos - prompt.length, bestLength)));
            }
        }
        int previous = out.isEmpty() ? s[length - 1] : out.get(out.size() - 1).token();
        while (bigram != null && out.size() < n && bigram.next(previous) >= 0) {
            previous = bigram.next(previous);
            out.add(new MaxGramProposal(previous, CopySource.bigram()));
        }
        return out;
    }
}
