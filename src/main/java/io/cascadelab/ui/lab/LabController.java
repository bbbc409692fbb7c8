package io.cascadelab.ui.lab;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.GridSpec;
import io.cascadelab.tune.Metric;
import io.cascadelab.tune.PromptRun;
import io.cascadelab.tune.Recommendation;
import io.cascadelab.tune.SweepCsv;
import io.cascadelab.tune.SweepJson;
import io.cascadelab.tune.SweepPlan;
import io.cascadelab.tune.SweepPrompt;
import io.cascadelab.tune.SweepResult;
import io.cascadelab.ui.Background;
import io.cascadelab.ui.Dialogs;
import io.cascadelab.ui.MainController;
import io.cascadelab.ui.ToolWindow;
import io.cascadelab.ui.PromptController;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.util.PromptLibrary;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tuning lab: a grid over the explorer's method (its drafters, sampling, seed and length),
 * run on a prompt set with progress, ETA and cancel; the heat map; expected vs measured; the
 * recommendation; the oracle k against the chosen k. A clicked cell loads into the explorer.
 */
public final class LabController implements ToolWindow.Controller {

    /** Grid presets: the three kinds, and k policies against k. */
    static final Map<String, String[]> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("k × lenience", new String[] {"k=2,4,6", "lenience=1,2,3"});
        PRESETS.put("k × depth", new String[] {"k=2,4,6", "depth=1,2,3"});
        PRESETS.put("K[0][0] × K[0][1] (k-matrix entries)", new String[] {"K[0][0]=1,2,3", "K[0][1]=1,2,4"});
        PRESETS.put("k policy × k", new String[] {"policy=static,heuristic,confidence:0.4,goodput", "k=2,4,6"});
    }

    static final String EXPLORER_PROMPT = "the explorer's prompt";
    static final String ALL_SAMPLES = "all sample prompts";

    @FXML private ChoiceBox<String> presetChoice;
    @FXML private TextField rowsField;
    @FXML private TextField colsField;
    @FXML private ChoiceBox<String> promptChoice;
    @FXML private Spinner<Integer> warmupSpinner;
    @FXML private Spinner<Integer> repeatsSpinner;
    @FXML private Button sweepButton;
    @FXML private Button cancelSweepButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label baseLabel;
    @FXML private ChoiceBox<Metric> metricChoice;
    @FXML private HeatMapView heatMap;
    @FXML private Label cellTitle;
    @FXML private Label cellFigures;
    @FXML private Label gapText;
    @FXML private Label recommendationText;
    @FXML private LineChart<Number, Number> oracleChart;
    @FXML private Label statusLabel;

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final ObjectProperty<SweepResult> result = new SimpleObjectProperty<>(this, "result");
    private final List<CellResult> liveCells = new ArrayList<>();
    private MainController main;
    private Stage stage;
    private SweepTask task;
    private Path promptFolder;
    private List<PromptLibrary.Prompt> folderPrompts = List.of();

    @FXML
    private void initialize() {
        presetChoice.getItems().setAll(PRESETS.keySet());
        presetChoice.valueProperty().addListener((o, a, p) -> {
            if (p != null) {
                rowsField.setText(PRESETS.get(p)[0]);
                colsField.setText(PRESETS.get(p)[1]);
            }
        });
        presetChoice.setValue(PRESETS.keySet().iterator().next());
        metricChoice.getItems().setAll(Metric.values());
        metricChoice.setValue(Metric.SPEEDUP);
        metricChoice.valueProperty().addListener((o, a, m) -> redraw());
        result.addListener((o, a, r) -> redraw());
        sweepButton.disableProperty().bind(running);
        cancelSweepButton.disableProperty().bind(running.not());
        presetChoice.disableProperty().bind(running);
        rowsField.disableProperty().bind(running);
        colsField.disableProperty().bind(running);
        promptChoice.disableProperty().bind(running);
        heatMap.setOnCellClicked(this::load);
        heatMap.setOnCellHovered(this::describe);
        oracleChart.setAnimated(false);
        oracleChart.setCreateSymbols(false);
        progressBar.setProgress(0);
        warmupSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10, 1));
        repeatsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 15, 1));
    }

    @Override
    public void attach(MainController main, Stage stage) {
        this.main = main;
        this.stage = stage;
        refreshPromptChoices();
        stage.setOnCloseRequest(e -> cancel());
    }

    @Override
    public Stage stage() {
        return stage;
    }


    /** The sweep shown (finished, cancelled, or opened from a file); null before any. */
    public ObjectProperty<SweepResult> resultProperty() {
        return result;
    }

    /** True while a sweep runs. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Sets the grid (for tools and tests), e.g. "k=2,4,6" and "lenience=1,2,3". */
    public void setGrid(String rows, String cols) {
        rowsField.setText(rows);
        colsField.setText(cols);
    }
    /** Sets warm-up and timed runs per configuration and prompt. */
    public void setRuns(int warmups, int repeats) {
        warmupSpinner.getValueFactory().setValue(warmups);
        repeatsSpinner.getValueFactory().setValue(repeats);
    }

    private void refreshPromptChoices() {
        List<String> choices = new ArrayList<>(List.of(EXPLORER_PROMPT, ALL_SAMPLES));
        samples().stream().map(PromptLibrary.Prompt::category).distinct().forEach(c -> choices.add("category: " + c));
        if (promptFolder != null) {
            choices.add("folder: " + promptFolder);
        }
        String before = promptChoice.getValue();
        promptChoice.getItems().setAll(choices);
        promptChoice.setValue(before != null && choices.contains(before) ? before : EXPLORER_PROMPT);
    }

    private List<PromptLibrary.Prompt> samples() {
        return main == null ? List.of() : main.prompt().samples();
    }

    @FXML
    private void choosePromptFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("A prompt folder: <category>/*.txt");
        File dir = c.showDialog(stage);
        if (dir != null) {
            usePromptFolder(dir.toPath());
        }
    }

    /** Uses the prompts under {@code dir} (category subfolders of *.txt); a bad folder is a dialog. */
    public void usePromptFolder(Path dir) {
        try {
            folderPrompts = PromptLibrary.load(dir);
        } catch (IOException e) {
            Dialogs.error(rowsField, "Cannot use the prompt folder " + dir, e.getMessage()
                    + ". Pick a folder with one subfolder per category holding *.txt prompts, or one .txt file.");
            return;
        }
        promptFolder = dir;
        refreshPromptChoices();
        promptChoice.setValue("folder: " + dir);
    }

    /** Starts a sweep of the grid over the explorer's current method and prompt settings. */
    @FXML
    public void run() {
        LoadedFamily family = main.models().family();
        if (family == null) {
            Dialogs.error(rowsField, "No model loaded", "Wait for the embedded family to load, or open a model folder in the explorer.");
            return;
        }
        if (main.runs().isActive()) {
            Dialogs.error(rowsField, "The explorer is running", "Stop the explorer's run first: a sweep next to it "
                    + "would share the CPU and its timings would mean nothing.");
            return;
        }
        SweepPlan plan;
        try {
            PromptController.PromptSettings settings = main.prompt().settings();
            MethodSpec base = main.method().spec();
            GridSpec grid = GridSpec.parse(rowsField.getText(), colsField.getText());
            plan = new SweepPlan(grid, base, prompts(settings, family.family().target().tokenizer()), settings.sampling(),
                    settings.maxNewTokens(), warmupSpinner.getValue(), repeatsSpinner.getValue());
            grid.expand(base);
            grid.expand(base).forEach(c -> c.spec().levels(family.family()));
        } catch (IllegalArgumentException e) {
            Dialogs.error(rowsField, "Cannot start the sweep", e.getMessage());
            return;
        }
        liveCells.clear();
        result.set(null);
        baseLabel.setText("Sweeping " + plan.base().label() + " (the default) on " + plan.prompts().size() + " prompt(s), "
                + plan.maxNewTokens() + " new tokens, " + (plan.sampling().greedy() ? "greedy" : "sampling, seed "
                + plan.sampling().seed()) + "; " + plan.warmups() + " warm-up + " + plan.repeats() + " timed run(s) each.");
        SweepTask t = new SweepTask(family.family(), plan, DjlEnvironment.configuredDevice().toString(), cell -> {
            if (!cell.isDefault()) {
                liveCells.add(cell);
            }
            result.set(partial(plan, cell));
        });
        task = t;
        progressBar.progressProperty().bind(t.progressProperty());
        progressLabel.textProperty().bind(t.messageProperty());
        running.set(true);
        main.models().lockedProperty().set(true); // the family must not be closed under the sweep
        t.setOnSucceeded(e -> finish(t, t.getValue(), null));
        t.setOnFailed(e -> finish(t, null, t.getException()));
        Background.start("sweep", t);
    }

    private SweepResult partial(SweepPlan plan, CellResult cell) {
        SweepResult before = result.get();
        CellResult reference = cell.isDefault() ? cell : before == null ? null : before.reference();
        GridSpec g = plan.grid();
        return new SweepResult(g.rowAxis().name(), g.rowValues(), g.colAxis().name(), g.colValues(), liveCells, reference,
                false);
    }

    private void finish(SweepTask t, SweepResult r, Throwable error) {
        if (t != task) {
            return;
        }
        task = null;
        running.set(false);
        main.models().lockedProperty().set(false);
        progressBar.progressProperty().unbind();
        progressLabel.textProperty().unbind();
        if (error != null) {
            progressLabel.setText("The sweep failed; finished cells are kept.");
            Dialogs.error(rowsField, "The sweep stopped", error);
            return;
        }
        result.set(r);
        progressLabel.setText(r.cancelled() ? "Cancelled: " + r.cells().size() + " finished cell(s) kept."
                : "Done: " + r.cells().size() + " cells.");
    }

    /** Stops the sweep after keeping the finished cells. */
    @FXML
    public void cancel() {
        if (task != null) {
            task.stop();
            progressLabel.textProperty().unbind();
            progressLabel.setText("Cancelling: the finished cells are kept…");
        }
    }

    private List<SweepPrompt> prompts(PromptController.PromptSettings settings, TextTokenizer tokenizer) {
        String choice = promptChoice.getValue();
        List<PromptLibrary.Prompt> chosen;
        if (choice == null || choice.equals(EXPLORER_PROMPT)) {
            chosen = List.of(new PromptLibrary.Prompt("explorer", "prompt", settings.text()));
        } else if (choice.equals(ALL_SAMPLES)) {
            chosen = samples();
        } else if (choice.startsWith("category: ")) {
            String c = choice.substring("category: ".length());
            chosen = samples().stream().filter(p -> p.category().equals(c)).toList();
        } else {
            chosen = folderPrompts;
        }
        if (tokenizer == null) {
            throw new IllegalArgumentException("The target has no tokenizer.json: the lab needs one to encode the prompts.");
        }
        return SweepPrompt.encode(chosen, tokenizer);
    }

    private void redraw() {
        SweepResult r = result.get();
        Metric m = metricChoice.getValue();
        heatMap.show(r, m, r == null ? null : Recommendation.bestCell(r, m));
        Recommendation bySpeed = r == null ? null : Recommendation.of(r, Metric.SPEEDUP);
        recommendationText.setText(bySpeed == null ? "No cell measured yet."
                : "Recommended (measured wall-clock speedup): " + bySpeed.describe()
                + Recommendation.repeatability(r).map(s -> "\n" + s).orElse(""));
        if (bySpeed != null) {
            describe(bySpeed.best());
        }
    }

    /** Shows every figure of {@code c}, expected vs measured and its oracle-k chart in the side panel. */
    private void describe(CellResult c) {
        cellTitle.setText(c.label());
        cellFigures.setText(CellText.figures(c));
        gapText.setText(CellText.expectedVsMeasured(c));
        oracleChart.getData().clear();
        if (c.runs().isEmpty()) {
            return;
        }
        PromptRun first = c.runs().get(0);
        oracleChart.setTitle("oracle k vs chosen k per step: " + first.category() + "/" + first.prompt());
        XYChart.Series<Number, Number> chosen = new XYChart.Series<>();
        chosen.setName("chosen k");
        XYChart.Series<Number, Number> oracle = new XYChart.Series<>();
        oracle.setName("oracle k");
        for (int i = 0; i < first.chosenK().length; i++) {
            chosen.getData().add(new XYChart.Data<>(i, first.chosenK()[i]));
            oracle.getData().add(new XYChart.Data<>(i, first.oracleK()[i]));
        }
        oracleChart.getData().setAll(List.of(chosen, oracle));
    }

    /** Loads {@code c}'s configuration into the explorer's Method panel. */
    public void load(CellResult c) {
        try {
            main.method().apply(c.config().toSpec());
            statusLabel.setText("Loaded " + c.label() + " into the explorer.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            Dialogs.error(heatMap, "Cannot load " + c.label() + " into the explorer", e.getMessage());
        }
    }

    @FXML
    private void openFile() {
        FileChooser c = chooser("Open a sweep");
        File f = c.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Reads a sweep CSV/JSON in the background and shows it; a bad file is a dialog. */
    public void open(Path file) {
        Task<SweepResult> read = new Task<>() {
            @Override
            protected SweepResult call() throws IOException {
                return SweepJson.readAny(file);
            }
        };
        read.setOnSucceeded(e -> {
            result.set(read.getValue());
            statusLabel.setText("Opened " + file.getFileName() + ".");
        });
        read.setOnFailed(e -> Dialogs.error(rowsField, "Cannot open " + file.getFileName(), read.getException()));
        Background.start("sweep-reader", read);
    }

    @FXML
    private void saveFile() {
        if (result.get() == null) {
            Dialogs.error(rowsField, "Nothing to save", "Run a sweep or open one first.");
            return;
        }
        FileChooser c = chooser("Save the sweep");
        c.setInitialFileName("sweep.csv");
        File f = c.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        try {
            if (f.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                SweepJson.write(result.get(), f.toPath());
            } else {
                SweepCsv.write(result.get(), f.toPath());
            }
            statusLabel.setText("Saved " + f.getName() + ".");
        } catch (IOException e) {
            Dialogs.error(rowsField, "Cannot save " + f.getName(), e);
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Sweep CSV", "*.csv"),
                new FileChooser.ExtensionFilter("Sweep JSON", "*.json"));
        return c;
    }
}
