package io.cascadelab.ui.lab;

import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.Figures;
import io.cascadelab.tune.GapExplainer;
import io.cascadelab.tune.Metric;

import java.util.Locale;

/** The words shown for a heat-map cell: every figure on hover, and the expected-vs-measured line. */
final class CellText {

    private CellText() {
    }

    /** The label, then every figure: the hover text. */
    static String tooltip(CellResult c) {
        return c.label() + "\n" + figures(c) + "\n\n" + expectedVsMeasured(c) + "\n\nclick: load into the explorer";
    }

    /** Every figure of {@code c}, one per line. */
    static String figures(CellResult c) {
        Figures f = c.figures();
        StringBuilder b = new StringBuilder();
        for (Metric m : Metric.values()) {
            b.append(String.format(Locale.ROOT, "%-28s %s%n", m.label(), m.format(m.of(f))));
        }
        b.append(String.format(Locale.ROOT, "%-28s %s%n", "lossless (greedy)",
                f.identical() < 0 ? "not checked (sampling)" : f.identical() + "/" + f.prompts() + " identical"));
        b.append(String.format(Locale.ROOT, "%-28s %d", "prompts", f.prompts()));
        return b.toString();
    }

    /** Expected vs measured, with the gap explained when it is large. */
    static String expectedVsMeasured(CellResult c) {
        return GapExplainer.explain(c.figures());
    }
}
