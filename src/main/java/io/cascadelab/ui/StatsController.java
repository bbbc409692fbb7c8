package io.cascadelab.ui;

import io.cascadelab.trace.RunMetrics;
import io.cascadelab.ui.model.StatsSnapshot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Statistics tab: headline figures and charts, redrawn from a {@link StatsSnapshot}. */
public final class StatsController {

    /** Most points drawn in the speedup chart (a long run is thinned, not truncated). */
    private static final int MAX_SERIES_POINTS = 200;
    private static final String DASH = "—";
    private static final boolean PROFILE = Boolean.getBoolean("cascadelab.profileFx");

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

    /** Each chart is redrawn at most this often during a run (a redraw costs a frame's worth of layout). */
    private static final long CHART_INTERVAL_NANOS = 1_000_000_000L;
    private static final int CHARTS = 4;

    @FXML private ScrollPane statsPane;
    private StatsSnapshot last;
    private long lastCharts;
    private int nextChart;
    private final ReadOnlyObjectWrapper<StatsSnapshot> shown = new ReadOnlyObjectWrapper<>();

    /**
     * Shows {@code s}: the figures at once; the charts at once only when {@code complete} (the run
     * has ended), otherwise one at a time from {@link #drawDueChart()}.
     */
    public void show(StatsSnapshot s, boolean complete) {
        last = s;
        shown.set(s);
        showFigures(s);
        if (isShowing() && complete) {
            showCharts(s);
        }
    }

    /**
     * Redraws the next chart from the latest snapshot when one is due (each chart about once a
     * second). Called on frames that did not refresh the figures: figures and a chart in the same
     * frame make one long frame under software rendering.
     */
    public void drawDueChart() {
        long now = System.nanoTime();
        if (last != null && isShowing() && now - lastCharts > CHART_INTERVAL_NANOS / CHARTS) {
            long t0 = System.nanoTime();
            showChart(nextChart, last); // one chart per frame: a frame never pays for all four
            if (PROFILE) {
                System.err.printf(java.util.Locale.ROOT, "chart %d: %.1f ms%n", nextChart, (System.nanoTime() - t0) / 1e6);
            }
            nextChart = (nextChart + 1) % CHARTS;
            lastCharts = now;
        }
    }

    /** The snapshot shown last (null when cleared), for views that follow the run's figures. */
    public ReadOnlyObjectProperty<StatsSnapshot> shownProperty() {
        return shown.getReadOnlyProperty();
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
        for (int i = 0; i < CHARTS; i++) {
            showChart(i, s);
        }
    }

    private void showChart(int chart, StatsSnapshot s) {
        switch (chart) {
            case 0 -> showAlpha(s.metrics());
            case 1 -> showHistogram(s.metrics());
            case 2 -> showSpeedup(s.speedupSeries());
            default -> updatePie(s.timeShareNanos());
        }
    }

    private void showAlpha(RunMetrics m) {
        IntegerTicks.fit((NumberAxis) alphaChart.getXAxis(), m.positionAcceptance().values().stream()
                .mapToInt(a -> a.length).max().orElse(1));
        m.positionAcceptance().forEach((who, a) -> {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (int j = 0; j < a.length; j++) {
                if (!Double.isNaN(a[j])) {
                    points.add(new XYChart.Data<>(j + 1, a[j]));
                }
            }
            update(series(alphaChart, who), points);
        });
    }

    private void showSpeedup(List<double[]> points) {
        IntegerTicks.fit((NumberAxis) speedupChart.getXAxis(), points.isEmpty() ? 1 : points.get(points.size() - 1)[0]);
        update(series(speedupChart, "speedup"), thinned(points));
    }

    private void showHistogram(RunMetrics m) {
        List<XYChart.Data<String, Number>> bars = new ArrayList<>();
        int[] h = m.histogram();
        for (int j = 0; j < h.length; j++) {
            bars.add(new XYChart.Data<>(Integer.toString(j), h[j]));
        }
        IntegerTicks.fit((NumberAxis) histogramChart.getYAxis(), java.util.Arrays.stream(h).max().orElse(1));
        update(series(histogramChart, "steps"), bars);
    }

    @FXML
    private void initialize() {
        // The first draw of a chart series (CSS, legend, nodes, JIT) costs a long frame; pay it once
        // while the window opens and the family loads, not in the middle of the first run.
        update(series(alphaChart, "warm-up"), List.of(new XYChart.Data<>(1, 0.5), new XYChart.Data<>(2, 0.25)));
        update(series(histogramChart, "steps"), List.of(new XYChart.Data<>("0", 1), new XYChart.Data<>("1", 2)));
        update(series(speedupChart, "speedup"), List.of(new XYChart.Data<>(1, 1), new XYChart.Data<>(2, 1.5)));
        updatePie(Map.of("warm-up", 1L));
        wholeNumberAxes(); // positions and counts: whole-number ticks from the start, not 0.8, 0.9, … around the warm-up data
        PauseTransition drawn = new PauseTransition(Duration.millis(500)); // after a few rendered frames
        drawn.setOnFinished(e -> {
            if (last == null) {
                clear();
            }
        });
        drawn.play();
    }

    /** The empty charts' position and count axes: whole numbers up to 8 (a run's data refits them). */
    private void wholeNumberAxes() {
        IntegerTicks.fit((NumberAxis) alphaChart.getXAxis(), 8);
        IntegerTicks.fit((NumberAxis) histogramChart.getYAxis(), 8);
        IntegerTicks.fit((NumberAxis) speedupChart.getXAxis(), 8);
    }

    /** Back to the empty state. */
    public void clear() {
        last = null;
        shown.set(null);
        lastCharts = System.nanoTime(); // the run's first frames are busy enough: charts come a second later
        for (Label l : List.of(tpsValue, speedupValue, alValue, expectedValue, callsValue, swiValue, arValue)) {
            l.setText(DASH);
        }
        speedupName.setText("speedup");
        alphaChart.getData().clear();
        histogramChart.getData().clear();
        speedupChart.getData().clear();
        timeChart.getData().clear();
    }

    /** The chart's series named {@code name}, added when missing. */
    private static <X> XYChart.Series<X, Number> series(XYChart<X, Number> chart, String name) {
        for (XYChart.Series<X, Number> s : chart.getData()) {
            if (name.equals(s.getName())) {
                return s;
            }
        }
        XYChart.Series<X, Number> s = new XYChart.Series<>();
        s.setName(name);
        chart.getData().add(s);
        return s;
    }

    /**
     * Sets the series' points in place (changing values, adding or removing only at the end):
     * rebuilding a chart's nodes on every refresh costs whole frames.
     */
    private static <X> void update(XYChart.Series<X, Number> series, List<XYChart.Data<X, Number>> points) {
        ObservableList<XYChart.Data<X, Number>> data = series.getData();
        for (int i = 0; i < points.size(); i++) {
            XYChart.Data<X, Number> p = points.get(i);
            if (i < data.size()) {
                XYChart.Data<X, Number> d = data.get(i);
                if (!d.getXValue().equals(p.getXValue())) {
                    d.setXValue(p.getXValue());
                }
                if (!d.getYValue().equals(p.getYValue())) {
                    d.setYValue(p.getYValue());
                }
            } else {
                data.add(p);
            }
        }
        if (data.size() > points.size()) {
            data.remove(points.size(), data.size());
        }
    }

    private static List<XYChart.Data<Number, Number>> thinned(List<double[]> points) {
        int stride = Math.max(1, (points.size() + MAX_SERIES_POINTS - 1) / MAX_SERIES_POINTS);
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (int i = 0; i < points.size(); i += stride) {
            data.add(new XYChart.Data<>(points.get(i)[0], points.get(i)[1]));
        }
        if (!points.isEmpty() && (points.size() - 1) % stride != 0) {
            double[] last = points.get(points.size() - 1);
            data.add(new XYChart.Data<>(last[0], last[1]));
        }
        return data;
    }

    /** One slice per model (its name stays, its value changes). */
    private void updatePie(Map<String, Long> nanos) {
        Map<String, PieChart.Data> slices = new HashMap<>();
        timeChart.getData().forEach(d -> slices.put(d.getName(), d));
        nanos.forEach((model, n) -> {
            if (n <= 0) {
                return;
            }
            PieChart.Data d = slices.get(model);
            if (d == null) {
                timeChart.getData().add(new PieChart.Data(model, n / 1e6));
            } else {
                d.setPieValue(n / 1e6);
            }
        });
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) || Double.isInfinite(v) ? DASH : String.format(Locale.ROOT, format, v);
    }
}
