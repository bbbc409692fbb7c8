package io.cascadelab.ui.teach;

import io.cascadelab.sim.SimResult;
import io.cascadelab.sim.SimSettings;
import io.cascadelab.sim.SimSweep;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.Background;
import io.cascadelab.ui.Dialogs;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Simulator mode: acceptance per drafter and per position and cost ratios in, the real engine run
 * on synthetic tokens, simulated and expected speedup out, over k. A run can be watched in the
 * main window like any trace.
 */
public final class SimulatorWindow {

    private static final int K_MAX = 12;

    private final Stage stage = new Stage();
    private final SimulatorForm form = new SimulatorForm(K_MAX, () -> simulate(false));
    private final Label status = new Label();
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final GridPane figures = new GridPane();
    private final XYChart.Series<Number, Number> simulated = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> expected = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> formula = new XYChart.Series<>();
    private final ReadOnlyObjectWrapper<SimResult> selected = new ReadOnlyObjectWrapper<>();
    private final Consumer<Trace> watch;
    private Task<List<SimResult>> running;

    private SimulatorWindow(Window owner, Consumer<Trace> watch) {
        this.watch = watch;
        stage.initOwner(owner);
        stage.setTitle("Simulator — the real algorithm on synthetic tokens, no models");
        Button run = new Button("Simulate");
        run.setId("simRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> simulate(true));
        Button show = new Button("Watch it in the main window");
        show.setId("simWatch");
        show.disableProperty().bind(selected.isNull());
        show.setOnAction(e -> watch.accept(selected.get().trace()));
        stop.setId("simStop");
        stop.setDisable(true);
        stop.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        HBox buttons = new HBox(8, run, stop, show, progress, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("hint");
        figures.getStyleClass().add("sim-figures");
        NumberAxis x = new NumberAxis("k", 1, K_MAX, 1);
        NumberAxis y = new NumberAxis();
        y.setLabel("speedup (cost model)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("simChart");
        chart.setAnimated(false);
        simulated.setName("simulated");
        expected.setName("expected from measured α_j");
        formula.setName("formula 1 + Σ Π α_j (depth 1)");
        chart.getData().addAll(List.of(simulated, expected, formula));
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox root = new VBox(form.node(), buttons, figures, chart);
        root.getStyleClass().add("teach-window");
        Scene scene = new Scene(root, 980, 820);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            if (running != null) {
                running.cancel();
            }
        });
    }

    /** Opens the simulator; {@code watch} replays a simulated run in the main window. */
    public static SimulatorWindow show(Window owner, Consumer<Trace> watch) {
        SimulatorWindow w = new SimulatorWindow(owner, watch);
        w.stage.show();
        w.simulate(false);
        return w;
    }

    /** Runs the sweep over k in the background (cancelling any still running); {@code explicit} reports bad input in a dialog. */
    public void simulate(boolean explicit) {
        SimSettings base;
        try {
            base = form.settings();
            base.kMatrix(); // k too small for the depth?
        } catch (IllegalArgumentException e) {
            if (explicit) {
                Dialogs.error(status, "Cannot simulate", e.getMessage());
            }
            status.setText(e.getMessage());
            return;
        }
        if (running != null) {
            running.cancel();
        }
        Task<List<SimResult>> task = new Task<>() {
            @Override
            protected List<SimResult> call() {
                return SimSweep.overK(base, 1, K_MAX, this::isCancelled, kk -> updateProgress(kk, K_MAX));
            }
        };
        running = task;
        stop.setDisable(false);
        progress.progressProperty().bind(task.progressProperty());
        status.setText("Simulating k = 1…" + K_MAX + "…");
        task.setOnSucceeded(e -> {
            if (running == task) {
                finished();
                show(base, task.getValue());
            }
        });
        task.setOnCancelled(e -> {
            if (running == task) {
                finished();
                status.setText("Stopped");
            }
        });
        task.setOnFailed(e -> {
            if (running == task) {
                finished();
                status.setText("The simulation failed");
                Dialogs.error(status, "The simulation failed", task.getException());
            }
        });
        Background.start("simulator", task);
    }

    private void finished() {
        running = null;
        stop.setDisable(true);
    }

    private void show(SimSettings base, List<SimResult> results) {
        simulated.getData().clear();
        expected.getData().clear();
        formula.getData().clear();
        SimResult chosen = null;
        for (SimResult r : results) {
            int kk = r.trace().header().kMatrix()[0].length == 0 ? 0 : sum(r.trace().header().kMatrix()[0]);
            simulated.getData().add(new XYChart.Data<>(kk, r.simulatedSpeedup()));
            expected.getData().add(new XYChart.Data<>(kk, r.expectedSpeedup()));
            if (!Double.isNaN(r.formulaAl())) {
                formula.getData().add(new XYChart.Data<>(kk, r.formulaAl()));
            }
            if (kk == base.k()) {
                chosen = r;
            }
        }
        selected.set(chosen);
        status.setText(String.format(Locale.ROOT, "%d runs of %d tokens", results.size(), base.tokens()));
        showFigures(chosen);
    }

    private void showFigures(SimResult r) {
        figures.getChildren().clear();
        if (r == null) {
            return;
        }
        var m = r.metrics();
        List<String[]> rowsOut = new ArrayList<>();
        rowsOut.add(new String[] {"at k = " + sum(r.trace().header().kMatrix()[0]), m.steps() + " target steps, " + m.emitted() + " tokens"});
        rowsOut.add(new String[] {"AL simulated", fmt(m.acceptedLength())});
        rowsOut.add(new String[] {"AL from the formula", Double.isNaN(r.formulaAl()) ? "— (a cascade has no closed form)" : fmt(r.formulaAl())});
        rowsOut.add(new String[] {"speedup simulated (SWI)", fmt(r.simulatedSpeedup()) + "×"});
        rowsOut.add(new String[] {"speedup expected from measured α_j", fmt(r.expectedSpeedup()) + "×"});
        StringBuilder ar = new StringBuilder();
        for (Map.Entry<String, Double> e : m.acceptanceRate().entrySet()) {
            ar.append(e.getKey()).append(' ').append(fmt(e.getValue())).append("   ");
        }
        rowsOut.add(new String[] {"AR per drafter (target's verdicts)", ar.toString().trim()});
        for (int i = 0; i < rowsOut.size(); i++) {
            Label v = new Label(rowsOut.get(i)[1]);
            v.getStyleClass().add("sim-value");
            v.setId("simFigure" + i);
            figures.addRow(i, new Label(rowsOut.get(i)[0]), v);
        }
    }

    private static int sum(int[] row) {
        int s = 0;
        for (int x : row) {
            s += x;
        }
        return s;
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, "%.2f", d);
    }

    /** The run at the chosen k (null until a simulation finishes). */
    public ReadOnlyObjectProperty<SimResult> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The window. */
    public Stage stage() {
        return stage;
    }
}
