package io.cascadelab.draft.suffix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SuffixTrieTest {

    private static SuffixTrie of(int depth, int... text) {
        SuffixTrie t = new SuffixTrie(depth);
        for (int x : text) {
            t.append(x);
        }
        return t;
    }

    @Test
    void theLongestEarlierMatchProposesItsMostFrequentContinuation() {
        // after "1 2": 3 twice, 4 once; after "9 1 2": 4 once
        SuffixTrie t = of(8, 1, 2, 3, 1, 2, 3, 9, 1, 2, 4, 9, 1, 2);
        SuffixTrie.Node shortMatch = t.longestMatch(new int[] {5, 1, 2}, 3);
        assertEquals(2, shortMatch.depth);
        assertEquals(3, shortMatch.bestToken());
        assertEquals(2, shortMatch.child(3).count);
        assertEquals(5, shortMatch.child(3).last, "the latest occurrence of the copied token");
        SuffixTrie.Node longMatch = t.longestMatch(new int[] {9, 1, 2}, 3);
        assertEquals(3, longMatch.depth, "the longer context wins");
        assertEquals(4, longMatch.bestToken());
    }

    @Test
    void aPathThatWasNeverFollowedIsNoMatchAndTiesGoToTheLatest() {
        SuffixTrie t = of(8, 1, 2, 1, 3);
        assertNull(t.longestMatch(new int[] {7}, 1));
        assertNull(t.longestMatch(new int[] {3}, 1), "3 only ended the text");
        assertEquals(3, t.longestMatch(new int[] {1}, 1).bestToken(), "2 and 3 once each: the later one");
    }

    @Test
    void depthBoundsTheMatchAndCutStartsAFreshText() {
        SuffixTrie t = of(3, 1, 2, 3, 4);
        assertEquals(2, t.longestMatch(new int[] {1, 2, 3}, 3).depth, "at most depth - 1 tokens of match");
        t.cut();
        t.append(5);
        assertNull(t.longestMatch(new int[] {4}, 1), "4 was the end of the first text, not followed by 5");
    }
}
