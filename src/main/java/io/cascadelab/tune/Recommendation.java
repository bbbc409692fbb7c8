package io.cascadelab.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The best measured configuration of a sweep for the whole prompt set, and per category when the
 * set spans several, with how much each beats the default configuration. The default competes
 * too: when no cell beats it, it is the recommendation (keep the default).
 *
 * @param best        the configuration (a cell, or the default) with the highest measured {@code metric}
 * @param gain        best ÷ default on the metric (NaN when the default was not measured)
 * @param perCategory category → its best cell (only when the set spans more than one category)
 */
public record Recommendation(Metric metric, CellResult best, double gain, Map<String, CellResult> perCategory,
                             Map<String, Double> categoryGain) {

    /** Picks the best cells of {@code result} by {@code metric}; null when no cell was measured. */
    public static Recommendation of(SweepResult result, Metric metric) {
        List<CellResult> candidates = new java.util.ArrayList<>(result.cells());
        if (result.reference() != null && !result.cells().isEmpty()) {
            candidates.add(result.reference()); // after the cells: on a tie a cell wins
        }
        CellResult best = best(candidates, metric, null);
        if (best == null) {
            return null;
        }
        Map<String, CellResult> perCategory = new LinkedHashMap<>();
        Map<String, Double> categoryGain = new LinkedHashMap<>();
        List<String> categories = result.categories();
        if (categories.size() > 1) {
            for (String c : categories) {
                CellResult b = best(candidates, metric, c);
                if (b != null) {
                    perCategory.put(c, b);
                    categoryGain.put(c, gain(b, result.reference(), metric, c));
                }
            }
        }
        return new Recommendation(metric, best, gain(best, result.reference(), metric, null), perCategory, categoryGain);
    }

    /** The grid cell (never the default) with the highest measured {@code metric}: the heat map's marked cell; null if none. */
    public static CellResult bestCell(SweepResult result, Metric metric) {
        return best(result.cells(), metric, null);
    }

    private static CellResult best(List<CellResult> cells, Metric metric, String category) {
        CellResult best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (CellResult c : cells) {
            double v = metric.of(category == null ? c.figures() : c.figures(category));
            if (!Double.isNaN(v) && v > bestValue) {
                best = c;
                bestValue = v;
            }
        }
        return best;
    }

    private static double gain(CellResult cell, CellResult reference, Metric metric, String category) {
        if (reference == null) {
            return Double.NaN;
        }
        double ref = metric.of(category == null ? reference.figures() : reference.figures(category));
        return metric.of(category == null ? cell.figures() : cell.figures(category)) / ref;
    }

    /**
     * When the default is also a grid cell it was measured twice: the two speedups show how large a
     * difference run-to-run noise makes on this machine (empty when it is not in the grid).
     */
    public static java.util.Optional<String> repeatability(SweepResult r) {
        if (r.reference() == null) {
            return java.util.Optional.empty();
        }
        return r.cells().stream().filter(c -> c.config().equals(r.reference().config())).findFirst()
                .map(c -> String.format(Locale.ROOT, "repeatability: the default was measured twice, as the default "
                        + "and as the cell %s=%s, %s=%s: %s and %s; differences smaller than that are noise",
                        r.rowAxis(), c.rowValue(), r.colAxis(), c.colValue(),
                        Metric.SPEEDUP.format(r.reference().figures().speedup()), Metric.SPEEDUP.format(c.figures().speedup())));
    }

    /** A few lines for people: the best overall, and per category. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "best: %s%s, %s %s", best.label(), best.isDefault() ? " (the default)" : "",
                metric.label(), metric.format(metric.of(best.figures()))));
        if (!Double.isNaN(gain)) {
            b.append(String.format(Locale.ROOT, " (%.2fx the default)", gain));
        }
        perCategory.forEach((c, cell) -> b.append(String.format(Locale.ROOT, "%n  %-12s %s%s, %s%s", c, cell.label(),
                cell.isDefault() ? " (the default)" : "",
                metric.format(metric.of(cell.figures(c))), Double.isNaN(categoryGain.get(c)) ? ""
                        : String.format(Locale.ROOT, " (%.2fx the default)", categoryGain.get(c)))));
        return b.toString();
    }
}
