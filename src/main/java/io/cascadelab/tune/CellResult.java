package io.cascadelab.tune;

import java.util.List;

/**
 * A measured configuration: its place in the grid (row and col -1 for the default the sweep
 * compares with), the axis values, its label and settings, and one run per prompt.
 */
public record CellResult(int row, int col, String rowValue, String colValue, String label, CellConfig config,
                         List<PromptRun> runs) {

    public CellResult {
        runs = List.copyOf(runs);
    }

    /** Whether this is the default configuration rather than a grid cell. */
    public boolean isDefault() {
        return row < 0;
    }

    /** Aggregate figures over all prompts. */
    public Figures figures() {
        return Figures.of(runs);
    }

    /** Aggregate figures over the prompts of one category. */
    public Figures figures(String category) {
        return Figures.of(runs.stream().filter(r -> r.category().equals(category)).toList());
    }
}
