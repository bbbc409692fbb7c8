package io.cascadelab.ui.race;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.race.LaneSpec;
import io.cascadelab.race.Race;
import io.cascadelab.race.RaceCsv;
import io.cascadelab.race.RaceFile;
import io.cascadelab.race.RaceLane;
import io.cascadelab.race.RaceRunner;
import io.cascadelab.ui.Background;
import io.cascadelab.ui.Dialogs;
import io.cascadelab.ui.Exporter;
import io.cascadelab.ui.IntegerTicks;
import io.cascadelab.ui.MainController;
import io.cascadelab.ui.ToolWindow;
import io.cascadelab.ui.PromptController;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.ui.model.RaceReplay;
import io.cascadelab.ui.model.TokenDecoder;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The race window: tick methods, run them one after another on the explorer's prompt, then replay
 * the lanes side by side on one clock (play, pause, scrub, ×0.25–×4), with a tokens-over-time
 * chart; save and open races, export PNG and CSV.
 */
public final class RaceController implements ToolWindow.Controller {

    @FXML private BorderPane raceRoot;
    @FXML private Button runRaceButton;
    @FXML private Button cancelRaceButton;
    @FXML private ProgressBar raceProgress;
    @FXML private Label raceStatus;
    @FXML private VBox laneChoices;
    @FXML private Spinner<Integer> bK;
    @FXML private Spinner<Double> bLenience;
    @FXML private Spinner<Integer> bDepth;
    @FXML private CheckBox ghostsCheck;
    @FXML private VBox lanes;
    @FXML private LineChart<Number, Number> raceChart;
    @FXML private NumberAxis timeAxis;
    @FXML private NumberAxis tokenAxis;
    @FXML private Button playButton;
    @FXML private Slider clockSlider;
    @FXML private Label clockLabel;
    @FXML private ChoiceBox<String> speedChoice;
    @FXML private Button saveRaceButton;
    @FXML private Button pngButton;
    @FXML private Button csvButton;

    private final ObjectProperty<Race> race = new SimpleObjectProperty<>(this, "race");
    private final List<LaneView> views = new ArrayList<>();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final List<Integer> plotted = new ArrayList<>();
    private MainController main;
    private Stage stage;
    private RaceReplay replay = new RaceReplay(0);
    private Task<Race> task;
    private boolean movingSlider;
    private long lastFrame;
    private long shownAt = -1;
    private long lastPlot;
    private static final long PLOT_INTERVAL_NANOS = 200_000_000L;

    /** Lanes built but not yet in the window: they join one per frame (see {@link #show(Race, TextTokenizer)}). */
    private final List<LaneView> pending = new ArrayList<>();
    private final AnimationTimer laneAdder = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (pending.isEmpty()) {
                addPendingLanes();
            } else {
                lanes.getChildren().add(pending.remove(0));
            }
        }
    };

    /** Puts the lanes still waiting, and the chart's lines, in the window now. */
    private void addPendingLanes() {
        laneAdder.stop();
        lanes.getChildren().addAll(pending);
        pending.clear();
        raceChart.getData().setAll(series);
    }

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long dt = lastFrame == 0 ? 0 : now - lastFrame;
            lastFrame = now;
            show(replay.advance(dt));
        }
    };

    @FXML
    private void initialize() {
        bK.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 32, 8));
        bLenience.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(1, 10, 3, 0.5));
        bDepth.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 4, 2));
        for (double s : RaceReplay.SPEEDS) {
            speedChoice.getItems().add(speedText(s));
        }
        speedChoice.setValue(speedText(1));
        speedChoice.valueProperty().addListener((o, a, v) -> replay.speed(Double.parseDouble(v.substring(1))));
        clockSlider.valueProperty().addListener((o, a, v) -> {
            if (!movingSlider) {
                replay.seek((long) (v.doubleValue() * 1e9));
                show(replay.position());
            }
        });
        ghostsCheck.selectedProperty().addListener((o, a, on) -> views.forEach(v -> v.setShowGhosts(on)));
        cancelRaceButton.setDisable(true);
        saveRaceButton.disableProperty().bind(race.isNull());
        pngButton.disableProperty().bind(race.isNull());
        csvButton.disableProperty().bind(race.isNull());
        playButton.disableProperty().bind(race.isNull());
        clockSlider.disableProperty().bind(race.isNull());
        IntegerTicks.fit(tokenAxis, 1);
        timer.start();
    }

    private static String speedText(double s) {
        return "×" + (s == Math.rint(s) ? String.valueOf((int) s) : String.valueOf(s));
    }

    @Override
    public void attach(MainController main, Stage stage) {
        this.main = main;
        this.stage = stage;
        refreshChoices();
        stage.setOnShown(e -> refreshChoices());
        stage.focusedProperty().addListener((o, a, focused) -> {
            if (focused && task == null) {
                refreshChoices();
            }
        });
        stage.setOnCloseRequest(e -> cancel());
    }

    @Override
    public Stage stage() {
        return stage;
    }


    /** The race shown (run here or opened), or null. */
    public ObjectProperty<Race> raceProperty() {
        return race;
    }

    /** The lanes on screen (for tests and tools). */
    public List<String> laneFigures() {
        return views.stream().map(v -> v.lane().label() + ": " + v.figuresText() + (v.flagText().isEmpty() ? ""
                : " | " + v.flagText())).toList();
    }

    /** The replay clock (for tests and tools). */
    public RaceReplay replay() {
        return replay;
    }

    /** Ticks exactly the lanes whose labels are given (for tests and tools). */
    public void choose(List<String> labels) {
        for (var n : laneChoices.getChildren()) {
            if (n instanceof CheckBox c) {
                c.setSelected(labels.contains(c.getText()));
            }
        }
    }

    /** The methods offered for the loaded family: AR, SD with each drafter, CSD A and B, the speculator. */
    private void refreshChoices() {
        List<String> ticked = new ArrayList<>();
        laneChoices.getChildren().forEach(n -> {
            if (n instanceof CheckBox c && c.isSelected()) {
                ticked.add(c.getText());
            }
        });
        laneChoices.getChildren().clear();
        LoadedFamily f = main == null ? null : main.models().family();
        if (f == null) {
            laneChoices.getChildren().add(new Label("Load a model in the explorer to run a race; a saved race opens without one."));
            return;
        }
        boolean first = ticked.isEmpty(); // the first time: AR, the first SD lane and CSD A
        boolean sdTicked = false;
        for (String label : choiceLabels(f.family())) {
            CheckBox c = new CheckBox(label);
            boolean firstSd = label.startsWith("SD ") && !sdTicked;
            c.setSelected(first ? label.equals("AR") || label.equals("CSD A") || firstSd : ticked.contains(label));
            sdTicked |= firstSd;
            laneChoices.getChildren().add(c);
        }
    }

    private List<String> choiceLabels(ModelFamily family) {
        List<String> out = new ArrayList<>();
        for (LaneSpec l : LaneSpec.available(family, csdA())) {
            out.add(l.label().equals("CSD") ? "CSD A" : l.label());
            if (l.label().equals("CSD")) {
                out.add("CSD B");
            }
        }
        return out;
    }

    /** The explorer's Method panel as CSD (its k, lenience, depth and bottom drafter). */
    private MethodSpec csdA() {
        MethodSpec m = main.method().spec();
        return new MethodSpec(MethodSpec.Method.CSD, Math.max(1, m.k()), m.lenience(), Math.max(2, m.depth()),
                m.method() == MethodSpec.Method.CSD ? m.kOverride() : null, null, false, m.fastPath(), m.policy(),
                m.bottom());
    }

    private MethodSpec csdB() {
        return csdA().withKOverride(null).withK(bK.getValue()).withLenience(bLenience.getValue()).withDepth(bDepth.getValue());
    }

    private List<LaneSpec> chosen(ModelFamily family) {
        List<LaneSpec> out = new ArrayList<>();
        MethodSpec a = csdA(), b = csdB();
        List<LaneSpec> available = LaneSpec.available(family, a);
        for (var n : laneChoices.getChildren()) {
            if (!(n instanceof CheckBox c) || !c.isSelected()) {
                continue;
            }
            switch (c.getText()) {
                case "CSD A" -> out.add(new LaneSpec("CSD A " + a.label(), a));
                case "CSD B" -> out.add(new LaneSpec("CSD B " + b.label(), b));
                default -> available.stream().filter(l -> l.label().equals(c.getText())).findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    /** Runs the ticked methods on the explorer's prompt and settings. */
    @FXML
    public void run() {
        LoadedFamily family = main.models().family();
        if (family == null) {
            Dialogs.error(lanes, "No model loaded", "Load a model in the explorer first (a saved race opens without one).");
            return;
        }
        if (main.runs().isActive()) {
            Dialogs.error(lanes, "The explorer is running", "Stop the explorer's run first: a race next to it would share"
                    + " the CPU and its timings would mean nothing.");
            return;
        }
        List<LaneSpec> specs;
        int[] ids;
        PromptController.PromptSettings settings;
        try {
            specs = chosen(family.family());
            if (specs.size() < 2) {
                throw new IllegalArgumentException("Tick at least two methods (AR among them, to see the speedup).");
            }
            specs.forEach(l -> l.method().levels(family.family()));
            settings = main.prompt().settings();
            ids = settings.encode(family.family().target().tokenizer());
        } catch (IllegalArgumentException | IllegalStateException e) {
            Dialogs.error(lanes, "Cannot start the race", e.getMessage());
            return;
        }
        String device = DjlEnvironment.configuredDevice().toString();
        Task<Race> t = new Task<>() {
            @Override
            protected Race call() {
                return RaceRunner.run(family.family(), specs, ids, settings.text(), settings.sampling(),
                        settings.maxNewTokens(), family.costs(), (i, of, label, tokens) -> {
                            updateProgress(i, of);
                            updateMessage(String.format(Locale.ROOT, "Lane %d of %d: %s — %d tokens", i + 1, of, label, tokens));
                        }, this::isCancelled, device);
            }
        };
        task = t;
        raceProgress.progressProperty().bind(t.progressProperty());
        raceStatus.textProperty().bind(t.messageProperty());
        runRaceButton.setDisable(true);
        cancelRaceButton.setDisable(false);
        main.models().lockedProperty().set(true); // the family must not be closed under the race
        t.setOnSucceeded(e -> finish(t, t.getValue(), null));
        t.setOnCancelled(e -> finish(t, null, null));
        t.setOnFailed(e -> finish(t, null, t.getException()));
        Background.start("race", t);
    }

    private void finish(Task<Race> t, Race r, Throwable error) {
        if (t != task) {
            return;
        }
        task = null;
        main.models().lockedProperty().set(false);
        raceProgress.progressProperty().unbind();
        raceStatus.textProperty().unbind();
        raceProgress.setProgress(r == null ? 0 : 1);
        runRaceButton.setDisable(false);
        cancelRaceButton.setDisable(true);
        if (error != null) {
            raceStatus.setText("The race stopped.");
            Dialogs.error(lanes, "The race stopped", error);
            return;
        }
        if (r == null) {
            raceStatus.setText("Cancelled.");
            return;
        }
        TextTokenizer tokenizer = main.models().family() == null ? null : main.models().family().family().target().tokenizer();
        show(r, tokenizer);
        raceStatus.setText("Raced " + r.lanes().size() + " lanes; replaying on one clock.");
        replay.play();
    }

    /** Stops the race after the running lane (finished lanes are dropped with it). */
    @FXML
    public void cancel() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Shows {@code r}'s lanes at the start of the clock. */
    public void show(Race r, TextTokenizer tokenizer) {
        replay.pause();
        race.set(r);
        replay = new RaceReplay(r.end());
        replay.speed(Double.parseDouble(speedChoice.getValue().substring(1)));
        views.clear();
        series.clear();
        plotted.clear();
        laneAdder.stop();
        pending.clear();
        lanes.getChildren().clear();
        raceChart.getData().clear();
        for (RaceLane lane : r.lanes()) {
            LaneView v = new LaneView(lane, r, TokenDecoder.forTrace(lane.trace(), tokenizer));
            v.setShowGhosts(ghostsCheck.isSelected());
            views.add(v);
            pending.add(v);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(lane.label());
            series.add(s);
            plotted.add(0);
        }
        // the lanes join the window one per frame and the chart's lines after them: laying out and painting
        // them all in one frame paused the FX thread for 50-58 ms on a two-core machine
        if (!pending.isEmpty()) {
            lanes.getChildren().add(pending.remove(0));
        }
        laneAdder.start();
        double seconds = r.end() / 1e9;
        double step = niceStep(seconds / 8);
        timeAxis.setLowerBound(0);
        timeAxis.setUpperBound(step * Math.ceil(seconds / step)); // ends on a tick
        timeAxis.setTickUnit(step);
        IntegerTicks.fit(tokenAxis, r.lanes().stream().mapToInt(l -> l.tokens().length).max().orElse(1));
        movingSlider = true;
        clockSlider.setMax(Math.max(seconds, 1e-9));
        clockSlider.setValue(0);
        movingSlider = false;
        shownAt = -1;
        show(0);
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Puts every lane, the chart and the controls at {@code t} on the clock. */
    private void show(long t) {
        if (race.get() == null) {
            return;
        }
        playButton.setText(replay.playing() ? "Pause" : "Play");
        if (t == shownAt) {
            return;
        }
        boolean back = t < shownAt;
        shownAt = t;
        long now = System.nanoTime();
        // the chart takes new points a few times a second: a chart relayout every frame costs frames
        boolean plot = back || t >= replay.end() || !replay.playing() || now - lastPlot > PLOT_INTERVAL_NANOS;
        if (plot) {
            lastPlot = now;
        }
        for (int i = 0; i < views.size(); i++) {
            views.get(i).showAt(t);
            if (plot) {
                plot(i, t, back);
            }
        }
        movingSlider = true;
        clockSlider.setValue(t / 1e9);
        movingSlider = false;
        clockLabel.setText(String.format(Locale.ROOT, "%.2f / %.2f s", t / 1e9, replay.end() / 1e9));
    }

    /** The lane's tokens-over-time line up to {@code t}: one point per step end. */
    private void plot(int lane, long t, boolean back) {
        XYChart.Series<Number, Number> s = series.get(lane);
        var timeline = views.get(lane).lane().timeline();
        long[] steps = timeline.steps();
        if (back) {
            s.getData().clear();
            plotted.set(lane, 0);
        }
        int from = plotted.get(lane), to = timeline.stepsAt(t);
        if (from == 0 && to > 0) {
            s.getData().add(new XYChart.Data<>(0, 0));
        }
        List<XYChart.Data<Number, Number>> add = new ArrayList<>();
        for (int i = from; i < to; i++) {
            add.add(new XYChart.Data<>(steps[i] / 1e9, timeline.tokensAt(steps[i])));
        }
        s.getData().addAll(add);
        plotted.set(lane, to);
    }

    @FXML
    private void playOrPause() {
        if (replay.playing()) {
            replay.pause();
        } else {
            replay.play();
        }
        show(replay.position());
        playButton.setText(replay.playing() ? "Pause" : "Play");
    }

    @FXML
    private void openFile() {
        FileChooser c = chooser("Open a race");
        File f = c.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Reads a race file in the background and replays it (no model needed); a bad file is a dialog. */
    public void open(Path file) {
        Task<Race> read = new Task<>() {
            @Override
            protected Race call() throws IOException {
                return RaceFile.read(file);
            }
        };
        read.setOnSucceeded(e -> {
            show(read.getValue(), null);
            raceStatus.setText("Opened " + file.getFileName() + "; replaying.");
            replay.play();
        });
        read.setOnFailed(e -> Dialogs.error(lanes, "Cannot open " + file.getFileName(), read.getException()));
        Background.start("race-reader", read);
    }

    @FXML
    private void saveFile() {
        FileChooser c = chooser("Save the race");
        c.setInitialFileName("race.jsonl");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            save(f.toPath());
        }
    }

    /** Writes the race shown to {@code file}; a failure is a dialog. */
    public void save(Path file) {
        try {
            RaceFile.write(file, race.get());
            raceStatus.setText("Saved " + file.getFileName() + ".");
        } catch (IOException e) {
            Dialogs.error(lanes, "Cannot save " + file.getFileName(), e);
        }
    }

    @FXML
    private void exportPng() {
        addPendingLanes(); // every lane in the picture, even in a race's first frames
        new Exporter(lanes).png(raceRoot.getCenter(), "race.png");
    }

    @FXML
    private void exportCsv() {
        new Exporter(lanes).text("Export the race", "race.csv", "CSV", "*.csv", RaceCsv.of(race.get()));
    }

    private static FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Race (JSON Lines)", "*.jsonl"));
        return c;
    }
}
