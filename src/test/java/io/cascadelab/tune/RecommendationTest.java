package io.cascadelab.tune;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recommendation is the measured best, overall and per category, compared with the default. */
class RecommendationTest {

    // a run whose speedup is baselineNanos / decodeNanos (same tokens)
    private static PromptRun run(String category, long decodeNanos, int steps) {
        return new PromptRun(category, category + "-p", decodeNanos, 100, steps, 1000, 100, 50, 80, 1.5, 1.4, 1.3,
                1, 1.2, 0.1, 0.05, 0.6, new int[0], new int[0]);
    }

    private static CellResult cell(int row, int col, long lawNanos, long poetryNanos) {
        return new CellResult(row, col, "r" + row, "c" + col, "cell" + row + col,
                new CellConfig("csd", 2 + row, 1 + col, 3, "", "", "static", "2:12"),
                List.of(run("law", lawNanos, 40), run("poetry", poetryNanos, 50)));
    }

    @Test
    void picksTheMeasuredBestOverallAndPerCategory() {
        CellResult reference = cell(-1, -1, 1000, 1000);            // 1.00x
        CellResult a = cell(0, 0, 500, 2000);                         // law 2.00x, poetry 0.50x, overall 2000/2500 = 0.80x
        CellResult b = cell(0, 1, 800, 800);                          // 1.25x everywhere
        CellResult c = cell(1, 0, 1250, 400);                         // law 0.80x, poetry 2.50x, overall 2000/1650 = 1.21x
        SweepResult s = new SweepResult("k", List.of("2", "3"), "lenience", List.of("1", "2"), List.of(a, b, c), reference, false);
        Recommendation r = Recommendation.of(s, Metric.SPEEDUP);
        assertEquals(b, r.best());
        assertEquals(1.25, r.gain(), 1e-12);
        assertEquals(a, r.perCategory().get("law"));
        assertEquals(c, r.perCategory().get("poetry"));
        assertEquals(2.0, r.categoryGain().get("law"), 1e-12);
        assertEquals(2.5, r.categoryGain().get("poetry"), 1e-12);
        assertTrue(r.describe().contains("cell01"), r.describe());
    }

    @Test
    void anotherMetricPicksItsOwnBest() {
        CellResult a = cell(0, 0, 500, 500);  // fast, 90 steps
        CellResult b = new CellResult(0, 1, "r0", "c1", "fewer-steps", a.config(),
                List.of(run("law", 900, 10), run("poetry", 900, 10)));
        SweepResult s = new SweepResult("k", List.of("2"), "lenience", List.of("1", "2"), List.of(a, b), null, false);
        assertEquals(b, Recommendation.of(s, Metric.AL).best());
        assertEquals(a, Recommendation.of(s, Metric.SPEEDUP).best());
        assertTrue(Double.isNaN(Recommendation.of(s, Metric.SPEEDUP).gain()), "no default measured");
    }

    @Test
    void whenNoCellBeatsTheDefaultTheDefaultIsRecommended() {
        CellResult reference = cell(-1, -1, 400, 850);               // law 2.50x, poetry 1.18x, overall 1.60x
        CellResult a = cell(0, 0, 500, 800);                          // law 2.00x, poetry 1.25x, overall 1.54x
        SweepResult s = new SweepResult("k", List.of("2"), "lenience", List.of("1"), List.of(a), reference, false);
        Recommendation r = Recommendation.of(s, Metric.SPEEDUP);
        assertEquals(reference, r.best());
        assertEquals(1.0, r.gain(), 1e-12);
        assertEquals(reference, r.perCategory().get("law"));
        assertEquals(a, r.perCategory().get("poetry"));
        assertEquals(a, Recommendation.bestCell(s, Metric.SPEEDUP), "the heat map marks the best grid cell");
        assertTrue(r.describe().startsWith("best: cell-1-1 (the default)"), r.describe());
    }

    @Test
    void theDefaultMeasuredAgainAsACellShowsTheNoise() {
        CellResult reference = cell(-1, -1, 1000, 1000);
        CellResult same = new CellResult(0, 1, "2", "1", "same", reference.config(),
                List.of(run("law", 800, 40), run("poetry", 800, 50)));
        SweepResult s = new SweepResult("k", List.of("2"), "lenience", List.of("0", "1"), List.of(same), reference, false);
        String text = Recommendation.repeatability(s).orElseThrow();
        assertTrue(text.contains("k=2, lenience=1: 1.00x and 1.25x"), text);
        SweepResult without = new SweepResult("k", List.of("2"), "lenience", List.of("0"), List.of(cell(0, 0, 900, 900)),
                reference, false);
        assertTrue(Recommendation.repeatability(without).isEmpty());
    }

    @Test
    void nothingMeasuredRecommendsNothing() {
        assertNull(Recommendation.of(new SweepResult("k", List.of("2"), "l", List.of("1"), List.of(), null, true),
                Metric.SPEEDUP));
    }

    @Test
    void aLargeGapIsExplainedInWords() {
        Figures f = new Figures(1, 1.0, 1.6, 2, 0.5, 1.5, 1.5, 100, 1, 1.6, 0.3, 0.25, 0.2);
        String text = GapExplainer.explain(f);
        assertTrue(text.startsWith("measured 1.00x vs expected 1.60x. Where the step time goes: per-step overhead: 25%"), text);
        assertTrue(text.contains("drafter cost: the drafters' forward passes add 30% of a target step"), text);
        assertTrue(text.contains("verify cost grows with k: checking k+1 tokens costs 1.60x"), text);
        assertTrue(text.contains("low acceptance at late positions"), text);
        Figures close = new Figures(1, 1.0, 1.05, 2, 0.5, 1.5, 1.5, 100, 1, 1.6, 0.3, 0.25, 0.2);
        assertTrue(GapExplainer.reasons(close).isEmpty());
        assertTrue(GapExplainer.explain(close).contains("agrees"), GapExplainer.explain(close));
    }
}
