package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.ui.model.FamilyLoader;
import io.cascadelab.ui.model.LevelInfo;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.util.AppPaths;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The Models panel: loads the embedded family at start, opens other families, target and drafter
 * folders (in a background task with progress), lists the cascade levels with size and cost, and
 * refuses folders that cannot be used with the reason in a dialog.
 */
public final class ModelsController {

    @FXML private TitledPane modelsPane;
    @FXML private Label familyName;
    @FXML private ListView<LevelInfo> levelList;
    @FXML private ProgressBar loadProgress;
    @FXML private Label loadStatus;
    @FXML private Button openFolderButton;
    @FXML private Button addDrafterButton;
    @FXML private Button embeddedButton;
    /** The embedded families, offered by the home button (an icon, so the panel's buttons keep their labels at 1366 px). */
    private final ContextMenu embeddedMenu = new ContextMenu();
    @FXML private MenuButton localModelsButton;

    private final ObjectProperty<LoadedFamily> family = new SimpleObjectProperty<>(this, "family");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    /** Asks the user for a folder (title → folder or null); tests replace the chooser. */
    private Function<String, Path> folderPicker = this::chooseFolder;
    private Function<String, Path> filePicker = this::chooseGgufFile;

    @FXML
    private void initialize() {
        levelList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LevelInfo item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.describe());
                setWrapText(true);
            }
        });
        levelList.setPlaceholder(new Label("No models loaded"));
        loadProgress.setVisible(false);
        loadProgress.managedProperty().bind(loadProgress.visibleProperty());
        var busy = loading.or(locked);
        openFolderButton.disableProperty().bind(busy);
        addDrafterButton.disableProperty().bind(busy.or(family.isNull()));
        embeddedButton.disableProperty().bind(busy);
        localModelsButton.disableProperty().bind(busy);
        new LocalModelsMenu(localModelsButton, this::openTarget, this::addDrafterFolder, () -> family.get() != null);
    }

    /** Opens {@code dir} (a family or one model folder) in place of the loaded family. */
    void openTarget(Path dir) {
        if (!loading.get() && !locked.get()) {
            load("Cannot open " + LoadedModel.displayName(dir), loader -> progress -> loader.open(dir, progress));
        }
    }

    /** Adds the draft model in {@code dir} to the loaded family. */
    void addDrafterFolder(Path dir) {
        LoadedFamily current = family.get();
        if (!loading.get() && !locked.get() && current != null) {
            load("Cannot use " + LoadedModel.displayName(dir) + " as a drafter", loader -> progress -> loader.addDrafter(current, dir, progress));
        }
    }

    /** The loaded family, null until one is loaded. */
    public ReadOnlyObjectProperty<LoadedFamily> familyProperty() {
        return family;
    }

    public LoadedFamily family() {
        return family.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** While true (a run is using the models) nothing can be loaded. */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** Replaces the folder chooser (for tests and tools). */
    public void setFolderPicker(Function<String, Path> picker) {
        this.folderPicker = picker;
    }

    /** Replaces the GGUF file chooser (for tests and tools). */
    public void setFilePicker(Function<String, Path> picker) {
        this.filePicker = picker;
    }

    /** Opens a GGUF file (llama.cpp, Ollama, LM Studio) as the target. */
    @FXML
    public void openGgufFile() {
        if (loading.get() || locked.get()) {
            return; // the menu bypasses the disabled buttons
        }
        Path file = filePicker.apply("Open a GGUF model file as the target");
        if (file != null) {
            openTarget(file);
        }
    }

    /** Adds a GGUF file as a draft model of the loaded target. */
    @FXML
    public void addGgufDrafter() {
        if (loading.get() || locked.get()) {
            return; // the menu bypasses the disabled buttons
        }
        Path file = filePicker.apply("Add a GGUF draft model file");
        if (file != null) {
            addDrafterFolder(file);
        }
    }

    /** Loads the embedded family when it exists; otherwise says how to get one. */
    public void loadEmbeddedIfPresent() {
        Path dir = AppPaths.embeddedFamily();
        if (Files.isDirectory(dir.resolve("target"))) {
            // at start-up a failure is reported in the panel and a notification, not a modal dialog: a device
            // problem is already reported by the status bar's dialog
            load(null, loader -> progress -> loader.open(dir, progress));
        } else {
            loadStatus.setText("The embedded family (" + AppPaths.EMBEDDED_FAMILY + ") is not there yet: "
                    + "open a model folder, or train it (see README).");
        }
    }

    @FXML
    void chooseEmbedded() {
        if (embeddedMenu.getItems().isEmpty()) {
            MenuItem kjv = new MenuItem("kjv — decoder-only (Llama): continues the prompt");
            kjv.setOnAction(e -> loadEmbedded());
            MenuItem t5 = new MenuItem("kjv-t5 — encoder-decoder (T5): writes the verse after the input");
            t5.setOnAction(e -> loadEmbeddedSeq2Seq());
            embeddedMenu.getItems().setAll(kjv, t5);
        }
        embeddedMenu.show(embeddedButton, Side.BOTTOM, 0, 0);
    }

    @FXML
    void loadEmbedded() {
        loadEmbedded(AppPaths.embeddedFamily(), "the embedded family");
    }

    /** Loads the embedded encoder-decoder family (models/kjv-t5). */
    @FXML
    void loadEmbeddedSeq2Seq() {
        loadEmbedded(AppPaths.embeddedSeq2SeqFamily(), "the embedded seq2seq family");
    }

    private void loadEmbedded(Path dir, String what) {
        if (loading.get() || locked.get()) {
            return; // the menu bypasses the disabled buttons
        }
        load("Cannot load " + what + " (" + dir + ")", loader -> progress -> loader.open(dir, progress));
    }

    @FXML
    public void openFolder() {
        if (loading.get() || locked.get()) {
            return; // the menu bypasses the disabled buttons
        }
        Path dir = folderPicker.apply("Open a model family or a target model folder");
        if (dir != null) {
            openTarget(dir);
        }
    }

    @FXML
    void addDrafter() {
        if (loading.get() || locked.get()) {
            return; // the menu bypasses the disabled buttons
        }
        Path dir = folderPicker.apply("Add a draft model folder");
        if (dir != null) {
            addDrafterFolder(dir);
        }
    }

    /**
     * Runs a load in the background; on success the new family replaces (and closes) the old one.
     *
     * @param failureHeader header of the error dialog; null to report a failure without a dialog
     */
    private void load(String failureHeader, Function<FamilyLoader, Function<FamilyLoader.Progress, LoadedFamily>> how) {
        Task<LoadedFamily> task = new Task<>() {
            @Override
            protected LoadedFamily call() {
                FamilyLoader loader = new FamilyLoader(DjlEnvironment.configuredDevice());
                return how.apply(loader).apply((fraction, message) -> {
                    updateProgress(fraction < 0 ? -1 : fraction, 1);
                    updateMessage(message);
                });
            }
        };
        keepFocusInThePane();
        loading.set(true);
        loadProgress.setVisible(true);
        loadProgress.progressProperty().bind(task.progressProperty());
        loadStatus.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            LoadedFamily old = family.get();
            family.set(task.getValue());
            if (old != null) {
                old.close();
            }
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            finish();
            String message = Dialogs.messageOf(task.getException());
            loadStatus.setText("Not loaded: " + message);
            if (failureHeader != null) {
                Dialogs.error(modelsPane, failureHeader, message);
            } else {
                Notifications.create().owner(modelsPane.getScene().getWindow()).title("Models not loaded").text(message)
                        .hideAfter(Duration.seconds(8)).showWarning();
            }
        });
        Background.start("model-loader", task);
    }

    /**
     * The buttons about to be disabled would pass focus to the next control down the side panel,
     * and the panel would scroll to it: the pane's own title keeps it instead.
     */
    private void keepFocusInThePane() {
        if (modelsPane.getScene() == null) {
            return;
        }
        for (javafx.scene.Node n = modelsPane.getScene().getFocusOwner(); n != null; n = n.getParent()) {
            if (n == modelsPane) {
                modelsPane.requestFocus();
                return;
            }
        }
    }

    private void finish() {
        loading.set(false);
        loadProgress.progressProperty().unbind();
        loadStatus.textProperty().unbind();
        loadProgress.setVisible(false);
        loadProgress.managedProperty().bind(loadProgress.visibleProperty());
    }

    private void show(LoadedFamily f) {
        familyName.setText(LoadedModel.displayName(f.source()) + " — " + f.levels().size() + " levels");
        levelList.getItems().setAll(f.levels());
        List<String> notes = f.family().notes();
        loadStatus.setText("Costs measured at " + FamilyLoader.COST_CONTEXT + " tokens of context on this machine."
                + (notes.isEmpty() ? "" : "\nNote: " + String.join("\nNote: ", notes)));
    }

    /** *.gguf files, or any file (Ollama's blobs are named sha256-…), starting where LM Studio keeps them. */
    private Path chooseGgufFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("GGUF models (*.gguf)", "*.gguf"),
                new FileChooser.ExtensionFilter("All files (Ollama blobs)", "*"));
        Path home = Path.of(System.getProperty("user.home"));
        for (Path start : List.of(home.resolve(".lmstudio/models"), home.resolve(".cache/lm-studio/models"), home)) {
            if (Files.isDirectory(start)) {
                chooser.setInitialDirectory(start.toFile());
                break;
            }
        }
        File file = chooser.showOpenDialog(modelsPane.getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    private Path chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        LoadedFamily f = family.get();
        if (f != null && Files.isDirectory(f.source())) {
            chooser.setInitialDirectory((f.source().getParent() != null ? f.source().getParent() : f.source()).toFile());
        }
        File dir = chooser.showDialog(modelsPane.getScene().getWindow());
        return dir == null ? null : dir.toPath();
    }
}
