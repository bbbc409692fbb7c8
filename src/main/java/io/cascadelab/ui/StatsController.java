package io.cascadelab.ui;

import io.cascadelab.trace.RunMetrics;
import io.cascadelab.ui.model.StatsSnapshot;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.PieChart;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Statistics tab: headline figures and charts, redrawn from a {@link StatsSnapshot}. */
public final class StatsController {

    /** Most points drawn in the speedup chart (a long run is thinned, not truncated). */
    private static final int MAX_SERIES_POINTS = 200;
    private static final String DASH = "—";

    @FXML private Label tpsValue;
    @FXML private Label speedupName;
    @FXML private Label speedupValue;
    @FXML private Label alValue;
    @FXML private Label expectedValue;
    @FXML private Label callsValue;
    @FXML private Label swiValue;
    @FXML private Label arValue;
    @FXML private LineChart<Number, Number> alphaChart;
    @FXML private BarChart<String, Number> histogramChart;
    @FXML private LineChart<Number, Number> speedupChart;
    @FXML private PieChart timeChart;

    /** Charts are redrawn at most this often during a run (a redraw costs a frame's worth of layout). */
    private static final long CHART_INTERVAL_NANOS = 1_000_000_000L;

    @FXML private ScrollPane statsPane;
    private StatsSnapshot last;
    private long lastCharts;

    /**
     * Shows {@code s}: the figures at once, the charts when visible and not redrawn within the last
     * second (always when {@code complete}, i.e. the run has ended).
     */
    public void show(StatsSnapshot s, boolean complete) {
        last = s;
        showFigures(s);
        long now = System.nanoTime();
        if (isShowing() && (complete || now - lastCharts > CHART_INTERVAL_NANOS)) {
            showCharts(s);
            lastCharts = now;
        }
    }

    /** Redraws everything for the latest snapshot (when the tab comes back into view). */
    public void refresh() {
        if (last != null) {
            showFigures(last);
            showCharts(last);
        }
    }

    private boolean isShowing() {
        for (Node n = statsPane; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return statsPane.getScene() != null;
    }

    private void showFigures(StatsSnapshot s) {
        RunMetrics m = s.metrics();
        tpsValue.setText(num(m.tokensPerSecond(), "%.1f"));
        speedupName.setText(s.speedupMeasured() ? "speedup (measured)" : "speedup (estimated)");
        speedupValue.setText(num(s.speedup(), "%.2f×"));
        alValue.setText(num(m.acceptedLength(), "%.2f"));
        expectedValue.setText(num(m.expectedSpeedup(), "%.2f×"));
        callsValue.setText(Integer.toString(s.targetCalls()));
        swiValue.setText(num(m.swiSize(), "%.2f") + " / " + num(m.swiMeasured(), "%.2f"));
        StringBuilder ar = new StringBuilder();
        m.acceptanceRate().forEach((who, v) -> ar.append(ar.length() == 0 ? "" : "   ").append(who).append(' ')
                .append(num(v, "%.2f")));
        arValue.setText(ar.length() == 0 ? DASH : ar.toString());
    }

    private void showCharts(StatsSnapshot s) {
        RunMetrics m = s.metrics();
        alphaChart.setData(alphaSeries(m.positionAcceptance()));
        histogramChart.setData(histogram(m.histogram()));
        speedupChart.setData(FXCollections.observableArrayList(List.of(speedupSeries(s.speedupSeries()))));
        timeChart.setData(timeShare(s.timeShareNanos()));
    }

    /** Back to the empty state. */
    public void clear() {
        last = null;
        for (Label l : List.of(tpsValue, speedupValue, alValue, expectedValue, callsValue, swiValue, arValue)) {
            l.setText(DASH);
        }
        speedupName.setText("speedup");
        alphaChart.getData().clear();
        histogramChart.getData().clear();
        speedupChart.getData().clear();
        timeChart.getData().clear();
    }

    private static ObservableList<XYChart.Series<Number, Number>> alphaSeries(Map<String, double[]> alpha) {
        ObservableList<XYChart.Series<Number, Number>> out = FXCollections.observableArrayList();
        alpha.forEach((who, a) -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(who);
            for (int j = 0; j < a.length; j++) {
                if (!Double.isNaN(a[j])) {
                    s.getData().add(new XYChart.Data<>(j + 1, a[j]));
                }
            }
            out.add(s);
        });
        return out;
    }

    private static ObservableList<XYChart.Series<String, Number>> histogram(int[] h) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (int j = 0; j < h.length; j++) {
            s.getData().add(new XYChart.Data<>(Integer.toString(j), h[j]));
        }
        return FXCollections.observableArrayList(List.of(s));
    }

    private static XYChart.Series<Number, Number> speedupSeries(List<double[]> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        int stride = Math.max(1, (points.size() + MAX_SERIES_POINTS - 1) / MAX_SERIES_POINTS);
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (int i = 0; i < points.size(); i += stride) {
            data.add(new XYChart.Data<>(points.get(i)[0], points.get(i)[1]));
        }
        if (!points.isEmpty() && (points.size() - 1) % stride != 0) {
            double[] last = points.get(points.size() - 1);
            data.add(new XYChart.Data<>(last[0], last[1]));
        }
        s.getData().setAll(data);
        return s;
    }

    private static ObservableList<PieChart.Data> timeShare(Map<String, Long> nanos) {
        ObservableList<PieChart.Data> out = FXCollections.observableArrayList();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> out.add(new PieChart.Data(String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue() / 1e6),
                        e.getValue() / 1e6)));
        return out;
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) || Double.isInfinite(v) ? DASH : String.format(Locale.ROOT, format, v);
    }
}
