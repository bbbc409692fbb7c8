package io.cascadelab.tune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A finished (or cancelled) sweep: the grid's axes and values, the measured cells (row-major; a
 * cancelled sweep holds the cells finished before the cancel), and the default configuration.
 *
 * @param reference the default configuration the recommendation compares with (null if not measured)
 */
public record SweepResult(String rowAxis, List<String> rowValues, String colAxis, List<String> colValues,
                          List<CellResult> cells, CellResult reference, boolean cancelled) {

    public SweepResult {
        rowValues = List.copyOf(rowValues);
        colValues = List.copyOf(colValues);
        cells = List.copyOf(cells);
    }

    /** The measured cell at (row, col), if any. */
    public Optional<CellResult> cell(int row, int col) {
        return cells.stream().filter(c -> c.row() == row && c.col() == col).findFirst();
    }

    /** Categories of the prompts, in first-seen order. */
    public List<String> categories() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (CellResult c : cells) {
            c.runs().forEach(r -> out.add(r.category()));
        }
        return new ArrayList<>(out);
    }
}
