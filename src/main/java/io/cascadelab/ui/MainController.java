package io.cascadelab.ui;

import io.cascadelab.ui.model.RunStates;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.EnvironmentReport;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import io.cascadelab.ui.model.SpeculationCheck;
import io.cascadelab.ui.teach.DoctorDialog;
import io.cascadelab.ui.teach.SimulatorWindow;
import io.cascadelab.ui.teach.SpeculationIndicator;
import io.cascadelab.util.AppPaths;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;

/**
 * Main window: menus, the run tool bar and the status bar; wires the panels (each with its own
 * controller) together through a {@link RunController}.
 */
public final class MainController {

    private static final String ERROR = "status-error";

    @FXML private BorderPane root;
    @FXML private ModelsController modelsController;
    @FXML private PromptController promptController;
    @FXML private MethodController methodController;
    @FXML private TokenViewController tokensController;
    @FXML private StatsController statsController;
    @FXML private InspectorController inspectorController;
    @FXML private TabPane sideTabs;
    @FXML private Tab inspectorTab;
    @FXML private Tab statsTab;
    @FXML private Button runButton;
    @FXML private Button pauseButton;
    @FXML private Button stepButton;
    @FXML private Button stopButton;
    @FXML private Button baselineButton;
    @FXML private Label runStatus;
    @FXML private MenuItem exportTraceItem;
    @FXML private MenuItem exportStatsItem;
    @FXML private MenuItem exportPngItem;
    @FXML private Label losslessBadge;
    @FXML private Label speculationLabel;

    @FXML private Label engineLabel;
    @FXML private FontIcon engineIcon;
    @FXML private Label deviceLabel;
    @FXML private Label familyLabel;
    @FXML private Label offlineLabel;
    @FXML private ChoiceBox<String> deviceChoice;
    @FXML private ChoiceBox<String> dtypeChoice;

    /** The latest status request; results of older ones are dropped. */
    private Task<EnvironmentReport> statusTask;
    private RunController runs;
    private Exporter exporter;

    /** Shows a setting in its choice box; a new choice is stored and the status bar refreshed. */
    private void bindSetting(ChoiceBox<String> box, StoredSetting setting) {
        box.getItems().setAll(setting.choices());
        String current = System.getProperty(setting.property(), setting.stored()); // a -D given at start-up wins
        box.setValue(setting.choices().contains(current) ? current : setting.stored());
        box.valueProperty().addListener((obs, old, choice) -> {
            setting.store(choice);
            refreshStatus();
        });
    }

    @FXML
    private void initialize() {
        bindSetting(deviceChoice, StoredSetting.DEVICE);
        bindSetting(dtypeChoice, StoredSetting.COMPUTE_DTYPE);
        familyLabel.setText(AppPaths.EMBEDDED_FAMILY + ": checking…");
        runs = new RunController(modelsController, promptController, methodController, tokensController, statsController,
                inspectorController, runStatus, losslessBadge, () -> sideTabs.getSelectionModel().select(inspectorTab));
        runs.bindButtons(runButton, pauseButton, stepButton, stopButton, baselineButton);
        var finished = runs.stateProperty().isEqualTo(RunStates.State.FINISHED);
        exportTraceItem.disableProperty().bind(finished.not());
        exportStatsItem.disableProperty().bind(runs.stateProperty().isEqualTo(RunStates.State.IDLE));
        exportPngItem.disableProperty().bind(runs.stateProperty().isEqualTo(RunStates.State.IDLE));
        promptController.setTargetDir(() -> modelsController.family() == null ? null
                : modelsController.family().family().target().dir());
        modelsController.familyProperty().addListener((obs, old, f) -> {
            if (f != null) {
                methodController.setFamily(f);
                tokensController.setHint("Ready: " + LoadedModel.displayName(f.source()) + " is loaded. Pick a prompt and press Run.");
            }
        });
        sideTabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab == statsTab) {
                statsController.refresh();
            }
        });
        statsController.shownProperty().addListener((obs, old, snap) ->
                SpeculationIndicator.show(speculationLabel, SpeculationCheck.of(snap)));
        exporter = new Exporter(root);
        root.getProperties().put(MainController.class, this);
        refreshStatus();
        modelsController.loadEmbeddedIfPresent();
    }

    /** The controller of the window whose root is {@code root} (for tools and tests). */
    public static MainController of(javafx.scene.Parent root) {
        return (MainController) root.getProperties().get(MainController.class);
    }

    /** The window's root (the tuning lab hangs its state here). */
    public BorderPane root() {
        return root;
    }

    public ModelsController models() {
        return modelsController;
    }

    public PromptController prompt() {
        return promptController;
    }

    public MethodController method() {
        return methodController;
    }

    public RunController runs() {
        return runs;
    }

    public TokenViewController tokens() {
        return tokensController;
    }

    public InspectorController inspector() {
        return inspectorController;
    }

    @FXML
    private void run() {
        runs.run();
    }

    @FXML
    private void pauseOrResume() {
        runs.pauseOrResume();
    }

    @FXML
    private void step() {
        runs.step();
    }

    @FXML
    private void stop() {
        runs.stop();
    }

    @FXML
    private void reset() {
        runs.reset();
    }

    @FXML
    private void runBaseline() {
        runs.runBaseline();
    }

    @FXML
    private void openModelFolder() {
        modelsController.openFolder();
    }

    @FXML
    private void addDrafterFolder() {
        modelsController.addDrafter();
    }

    @FXML
    private void openGgufFile() {
        modelsController.openGgufFile();
    }

    @FXML
    private void addGgufDrafter() {
        modelsController.addGgufDrafter();
    }

    @FXML
    private void loadEmbeddedFamily() {
        modelsController.loadEmbedded();
    }

    @FXML
    private void loadEmbeddedSeq2SeqFamily() {
        modelsController.loadEmbeddedSeq2Seq();
    }

    @FXML
    private void openTrace() {
        FileChooser c = new FileChooser();
        c.setTitle("Open a trace");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CascadeLab traces (JSON Lines)", "*.jsonl", "*.json"));
        java.io.File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            replayFile(f.toPath());
        }
    }

    /** Reads {@code file} in the background and replays it; a file that is not a trace gets a dialog naming it. */
    void replayFile(Path file) {
        Task<Trace> read = new Task<>() {
            @Override
            protected Trace call() throws java.io.IOException {
                return TraceFile.read(file);
            }
        };
        read.setOnSucceeded(e -> {
            Trace t = read.getValue();
            if (TraceFile.TRUNCATED.equals(t.summary().stopReason())) {
                Notifications.create().owner(root.getScene().getWindow()).title("Trace cut off")
                        .text(file.getFileName() + ": the last line was cut off (the run stopped while writing);"
                                + " replaying its " + t.steps().size() + " complete steps.")
                        .hideAfter(Duration.seconds(12)).showWarning();
            }
            runs.replay(t);
        });
        read.setOnFailed(e -> Dialogs.error(root, "Cannot open " + file.getFileName(), read.getException()));
        Background.start("trace-reader", read);
    }

    @FXML
    private void openExampleTrace() {
        Task<Trace> read = new Task<>() {
            @Override
            protected Trace call() throws java.io.IOException {
                return ExampleTrace.load();
            }
        };
        read.setOnSucceeded(e -> replayPaused(read.getValue()));
        read.setOnFailed(e -> Dialogs.error(root, "Cannot open the example trace", read.getException()));
        Background.start("trace-reader", read);
    }

    /** Replays {@code trace} paused at its first step (Step walks through it), unless a run is in progress. */
    public void replayPaused(Trace trace) {
        RunStates.State s = runs.stateProperty().get();
        if (s == RunStates.State.RUNNING || s == RunStates.State.PAUSED || s == RunStates.State.STOPPING) {
            Dialogs.error(root, "A run is in progress", "Stop the current run (or let it finish) before replaying a trace.");
            return;
        }
        runs.replay(trace, true);
    }

    @FXML
    private void openSimulator() {
        SimulatorWindow.show(root.getScene().getWindow(), this::replayPaused);
    }

    @FXML
    private void openDoctor() {
        DoctorDialog.show(root.getScene().getWindow(),
                DoctorDialog.Pair.suggested(modelsController.family()));
    }

    @FXML
    private void exportTrace() {
        exporter.trace(runs.trace());
    }

    @FXML
    private void exportStatistics() {
        exporter.statistics(runs.statistics(), runs.methodLabel());
    }

    @FXML
    private void exportTokenView() {
        exporter.png(tokensController.content(), "token-view.png");
    }

    /** Gathers engine, device and family off the FX thread: the first DJL call unpacks natives. */
    private void refreshStatus() {
        engineIcon.setIconLiteral("mdi2t-timer-sand");
        engineLabel.getStyleClass().remove(ERROR);
        engineLabel.setText("Starting engine…");
        deviceLabel.setText("");
        Task<EnvironmentReport> task = new Task<>() {
            @Override
            protected EnvironmentReport call() {
                return EnvironmentReport.collect();
            }
        };
        statusTask = task;
        task.setOnSucceeded(e -> {
            if (task == statusTask) {
                showReport(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (task == statusTask) {
                showFailure(task.getException());
            }
        });
        Thread worker = new Thread(task, "engine-status");
        worker.setDaemon(true);
        worker.start();
    }

    private void showReport(EnvironmentReport r) {
        engineIcon.setIconLiteral("mdi2c-chip");
        engineLabel.setText(r.engineLine());
        engineLabel.setTooltip(new Tooltip("DJL " + r.djlVersion() + ", offline: " + r.offline()
                + "\nCache: " + r.cacheDir()
                + "\nPyTorch threads: " + System.getProperty("ai.djl.pytorch.num_threads", "one per core")
                + " (-Dai.djl.pytorch.num_threads sets it)"));
        deviceLabel.setText("on " + r.device() + " · " + ComputeDType.configured().label());
        deviceLabel.setTooltip(new Tooltip("Requested: " + r.deviceRequest() + " (" + r.gpuCount()
                + " GPU(s) visible); projections computed in " + ComputeDType.configured().label()
                + ". Change them in Settings; they apply on the next model load."));
        offlineLabel.setText(r.offline() ? "offline" : "downloads allowed");
        familyLabel.setText(r.familyLine());
        Path seq2seq = AppPaths.embeddedSeq2SeqFamily();
        familyLabel.setTooltip(new Tooltip(r.embeddedFamily() + "\nThe encoder-decoder family: "
                + EnvironmentReport.familyStatus(seq2seq, EnvironmentReport.isPresent(seq2seq))
                + " (Models ▸ home menu ▸ kjv-t5)"));
        if (modelsController.family() == null) {
            tokensController.setHint(r.familyPresent()
                    ? "The embedded model family was found in " + AppPaths.EMBEDDED_FAMILY + "; it is loading."
                    : "The embedded model family (" + AppPaths.EMBEDDED_FAMILY + ") has not been trained yet: open a model folder.");
        }
    }

    private void showFailure(Throwable error) {
        String message = Dialogs.messageOf(error);
        engineIcon.setIconLiteral("mdi2a-alert-circle-outline");
        engineLabel.getStyleClass().add(ERROR);
        engineLabel.setText(message);
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("CascadeLab");
        alert.setHeaderText("The model runtime could not start on device '"
                + System.getProperty(DjlEnvironment.DEVICE_PROPERTY, "auto") + "'");
        alert.show();
    }

    @FXML
    private void openTuningLab() {
        io.cascadelab.ui.lab.LabWindow.show(this);
    }

    @FXML
    private void openRace() {
        io.cascadelab.ui.race.RaceWindow.show(this);
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    @FXML
    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION,
                "Speculative decoding and Cascade Speculative Drafting on local models, step by step.\n"
                        + "DJL with the PyTorch engine; JavaFX " + System.getProperty("javafx.version") + ".");
        alert.setTitle("About CascadeLab");
        alert.setHeaderText("CascadeLab");
        alert.show();
    }
}
