package io.cascadelab.ui.lab;

import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.Metric;
import io.cascadelab.tune.SweepResult;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

import java.util.function.Consumer;

/**
 * The sweep's heat map: one cell per grid point coloured by the chosen metric (CSS classes heat-0 …
 * heat-7), the best cell marked, every figure on hover; clicking a measured cell hands it on.
 */
public final class HeatMapView extends GridPane {

    private Consumer<CellResult> onCellClicked = c -> { };
    private Consumer<CellResult> onCellHovered = c -> { };

    public HeatMapView() {
        getStyleClass().add("heat-map");
    }

    public void setOnCellClicked(Consumer<CellResult> action) {
        onCellClicked = action;
    }

    public void setOnCellHovered(Consumer<CellResult> action) {
        onCellHovered = action;
    }

    /** Redraws for {@code r}; {@code best} (may be null) is marked. */
    public void show(SweepResult r, Metric metric, CellResult best) {
        getChildren().clear();
        if (r == null) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (CellResult c : r.cells()) {
            double v = metric.of(c.figures());
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        HeatScale scale = new HeatScale(min, max);
        add(header(r.rowAxis() + " \\ " + r.colAxis(), "heat-corner"), 0, 0);
        for (int j = 0; j < r.colValues().size(); j++) {
            add(header(r.colAxis() + " = " + r.colValues().get(j), "heat-col-header"), j + 1, 0);
        }
        for (int i = 0; i < r.rowValues().size(); i++) {
            add(header(r.rowAxis() + " = " + r.rowValues().get(i), "heat-row-header"), 0, i + 1);
            for (int j = 0; j < r.colValues().size(); j++) {
                int row = i;
                int col = j;
                CellResult c = r.cell(i, j).orElse(null);
                add(c == null ? empty() : cell(c, metric, scale, c == best), col + 1, row + 1);
            }
        }
    }

    private Label cell(CellResult c, Metric metric, HeatScale scale, boolean best) {
        double v = metric.of(c.figures());
        Label l = new Label((best ? "★ " : "") + metric.format(v));
        l.getStyleClass().addAll("heat-cell", "heat-" + scale.bucket(v));
        if (best) {
            l.getStyleClass().add("heat-best");
        }
        l.setId("heat-" + c.row() + "-" + c.col());
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setHgrow(l, Priority.ALWAYS);
        GridPane.setVgrow(l, Priority.ALWAYS);
        Tooltip t = new Tooltip(CellText.tooltip(c));
        t.setShowDelay(Duration.millis(150));
        t.setWrapText(true);
        t.setMaxWidth(460);
        t.getStyleClass().add("heat-tooltip");
        l.setTooltip(t);
        l.setOnMouseClicked(e -> onCellClicked.accept(c));
        l.setOnMouseEntered(e -> onCellHovered.accept(c));
        return l;
    }

    private static Label empty() {
        Label l = new Label("…");
        l.getStyleClass().addAll("heat-cell", "heat-empty");
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setHgrow(l, Priority.ALWAYS);
        GridPane.setVgrow(l, Priority.ALWAYS);
        return l;
    }

    private static Label header(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }
}
