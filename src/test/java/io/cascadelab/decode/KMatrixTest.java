package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KMatrixTest {

    private static final int[][] FLAN = {{5, 14, 10}, {0, 1, 10}, {0, 0, 10}};
    private static final int[][] FLAN_CUMULATIVE = {{5, 19, 29}, {0, 1, 11}, {0, 0, 10}};

    @Test
    void convertsIncrementsToThePapersCumulativeThresholds() {
        KMatrix k = KMatrix.of(FLAN);
        assertArrayEquals(FLAN_CUMULATIVE, k.toCumulative());
        assertEquals(19, k.cumulative(0, 1), "d1 drafts up to position 19 of the target's draft");
        assertEquals(0, k.cumulative(1, 0));
    }

    @Test
    void convertsCumulativeThresholdsBackToIncrements() {
        assertEquals(KMatrix.of(FLAN), KMatrix.fromCumulative(FLAN_CUMULATIVE));
        assertArrayEquals(FLAN, KMatrix.fromCumulative(FLAN_CUMULATIVE).toIncrements());
    }

    @Test
    void rowTotalIsTheDraftLengthPerReview() {
        KMatrix k = KMatrix.of(FLAN);
        assertEquals(29, k.rowTotal(0), "tokens per target review");
        assertEquals(11, k.rowTotal(1));
        assertEquals(10, k.rowTotal(2));
    }

    @Test
    void parsesAndFormatsTheCompactForm() {
        KMatrix k = KMatrix.parse("5,14,10;0,1,10;0,0,10");
        assertEquals(KMatrix.of(FLAN), k);
        assertEquals("5,14,10;0,1,10;0,0,10", k.format());
        assertEquals(k, KMatrix.parse(k.format()));
    }

    @Test
    void parsesThePapersBracketNotationWithSpaces() {
        assertEquals(KMatrix.of(new int[][] {{13, 10}, {0, 10}}), KMatrix.parse(" [[13, 10], [0, 10]] "));
        assertEquals("[[13,10],[0,10]]", KMatrix.parse("13,10;0,10").toString());
        assertEquals(KMatrix.of(new int[][] {{4}}), KMatrix.parse("4"));
    }

    @Test
    void subDropsTheFirstRowAndColumn() {
        KMatrix sub = KMatrix.of(FLAN).sub();
        assertArrayEquals(new int[][] {{1, 10}, {0, 10}}, sub.toIncrements());
        assertArrayEquals(new int[][] {{10}}, sub.sub().toIncrements());
        assertEquals(0, sub.sub().sub().size(), "only Max-Gram left: the recursion's base case");
        assertThrows(IllegalStateException.class, () -> sub.sub().sub().sub());
    }

    @Test
    void subKeepsARowThatIsUnusedThere() {
        // d0 contributes nothing, so its row may be empty; sub() must not reject it.
        KMatrix k = KMatrix.of(new int[][] {{0, 4}, {0, 0}});
        assertEquals(0, k.sub().rowTotal(0));
    }

    @Test
    void expandDepthOneIsMaxGramAlone() {
        assertArrayEquals(new int[][] {{7}}, KMatrix.expand(7, 1).toIncrements());
    }

    @Test
    void expandReproducesThePapersLlamaSetting() {
        assertArrayEquals(new int[][] {{13, 10}, {0, 10}}, KMatrix.expand(23, 2).toIncrements());
    }

    @Test
    void expandDepthThreeFollowsTheDocumentedRule() {
        // k = 29 (the FLAN-T5 total): MaG ceil(11.6) = 12, models 17 = 1 + 1 + 15 split 1:2 -> 6, 11;
        // rows below: one token of each smaller model, then min(10, own top share) MaG tokens.
        assertArrayEquals(new int[][] {{6, 11, 12}, {0, 1, 6}, {0, 0, 10}}, KMatrix.expand(29, 3).toIncrements());
        assertArrayEquals(new int[][] {{2, 3, 4}, {0, 1, 2}, {0, 0, 3}}, KMatrix.expand(9, 3).toIncrements());
    }

    @Test
    void expandDepthFourWeightsSmallerModelsMore() {
        // k = 20: MaG 8; 12 = 3 x 1 + 9 split 1:2:4 -> 9/7, 18/7, 36/7 = 1.29, 2.57, 5.14
        // -> floors 1, 2, 5 and the one leftover token to the largest remainder (0.57)
        int[][] k = KMatrix.expand(20, 4).toIncrements();
        assertArrayEquals(new int[] {2, 4, 6, 8}, k[0]);
        assertArrayEquals(new int[] {0, 1, 1, 2}, k[1]);
        assertArrayEquals(new int[] {0, 0, 1, 4}, k[2]);
        assertArrayEquals(new int[] {0, 0, 0, 6}, k[3]);
    }

    @Test
    void expandGivesEveryDraftModelATokenEvenForSmallK() {
        assertArrayEquals(new int[][] {{1, 0}, {0, 1}}, KMatrix.expand(1, 2).toIncrements());
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 1}, {0, 0, 1}}, KMatrix.expand(2, 3).toIncrements());
    }

    @Property(tries = 200, seed = "2312114620")
    void expandTotalsKForTheTargetAndUsesEveryLevel(@ForAll @IntRange(min = 1, max = 64) int k,
                                                    @ForAll @IntRange(min = 1, max = 5) int depth) {
        if (k < depth - 1) {
            assertThrows(IllegalArgumentException.class, () -> KMatrix.expand(k, depth));
            return;
        }
        KMatrix m = KMatrix.expand(k, depth);
        assertEquals(depth, m.size());
        assertEquals(k, m.rowTotal(0));
        for (int r = 0; r < depth; r++) {
            assertTrue(m.isRowUsed(r), "row " + r + " is used");
            assertTrue(m.rowTotal(r) >= 1);
            assertTrue(m.get(r, depth - 1) <= Math.max(k, KMatrix.MAX_MAG_PER_REVIEW));
        }
        for (int j = 0; j + 1 < depth - 1; j++) {
            assertTrue(m.get(0, j) <= m.get(0, j + 1), "a larger model never gets more target positions");
        }
    }

    @Property(tries = 200, seed = "2312114620")
    void incrementsAndCumulativeRoundTrip(@ForAll("matrices") int[][] increments) {
        KMatrix k = KMatrix.of(increments);
        assertEquals(k, KMatrix.fromCumulative(k.toCumulative()));
        assertEquals(k, KMatrix.parse(k.format()));
        assertEquals(k, KMatrix.parse(k.toString()));
    }

    @Provide
    Arbitrary<int[][]> matrices() {
        return Arbitraries.integers().between(1, 5).flatMap(n -> Arbitraries.integers().between(1, 20)
                .array(int[].class).ofSize(n * n).map(values -> {
                    int[][] m = new int[n][n];
                    for (int r = 0; r < n; r++) {
                        for (int j = r; j < n; j++) {
                            m[r][j] = values[r * n + j];
                        }
                    }
                    return m;
                }));
    }

    @Test
    void rejectsNegativeEntries() {
        assertMessage("[0][1] = -2", () -> KMatrix.of(new int[][] {{3, -2}, {0, 1}}));
    }

    @Test
    void rejectsEntriesBelowTheDiagonal() {
        assertMessage("below the diagonal", () -> KMatrix.of(new int[][] {{3, 2}, {1, 1}}));
    }

    @Test
    void rejectsAnEmptyTargetRow() {
        assertMessage("row 0 (the draft the target reviews) totals 0", () -> KMatrix.of(new int[][] {{0}}));
    }

    @Test
    void rejectsAnEmptyRowOfAParticipatingDrafter() {
        assertMessage("row 1 (the draft drafter d0 reviews) totals 0", () -> KMatrix.of(new int[][] {{3, 2}, {0, 0}}));
    }

    @Test
    void allowsAnEmptyRowOfADrafterThatNeverReviews() {
        KMatrix k = KMatrix.of(new int[][] {{0, 4}, {0, 0}});
        assertFalse(k.isRowUsed(1));
        // d1 only drafts for the unused row 1, so row 2 is unused too
        assertFalse(KMatrix.of(new int[][] {{0, 0, 3}, {0, 2, 1}, {0, 0, 0}}).isRowUsed(2));
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertMessage("row 1 has 1 entries, expected 2", () -> KMatrix.of(new int[][] {{1, 2}, {3}}));
    }

    @Test
    void rejectsDecreasingCumulativeThresholds() {
        assertMessage("decreases at column 1", () -> KMatrix.fromCumulative(new int[][] {{5, 3}, {0, 1}}));
    }

    @Test
    void parseErrorsPointAtTheBadEntry() {
        assertMessage("[1][0] \"x\"", () -> KMatrix.parse("1,2;x,3"));
        assertMessage("row 1 \"3\" has 1 entries, expected 2", () -> KMatrix.parse("1,2;3"));
        assertMessage("empty", () -> KMatrix.parse("  "));
    }

    @Test
    void expandRejectsImpossibleSettings() {
        assertMessage("depth must be >= 1", () -> KMatrix.expand(5, 0));
        assertMessage("k = 1 is too small for depth 3", () -> KMatrix.expand(1, 3));
        assertMessage("k = 0", () -> KMatrix.expand(0, 1));
    }

    private static void assertMessage(String fragment, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
