package io.cascadelab.ui.teach;

import io.cascadelab.doctor.Doctor;
import io.cascadelab.doctor.DoctorReport;
import io.cascadelab.doctor.Finding;
import io.cascadelab.doctor.ReportText;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.ui.Background;
import io.cascadelab.ui.Dialogs;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.util.AppPaths;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The compatibility doctor's window: pick a target and a drafter folder, check them (in the
 * background, cancellable), read each finding with what to do.
 */
public final class DoctorDialog {

    /**
     * Folders to start from.
     *
     * @param drafters draft model and speculator folders that can be checked against {@code target}
     */
    public record Pair(Path target, List<Path> drafters) {

        /** The loaded family's folders, else the embedded family's (if present). */
        public static Pair suggested(LoadedFamily f) {
            if (f != null) {
                List<Path> ds = new ArrayList<>();
                f.family().drafts().forEach(d -> ds.add(d.dir()));
                if (f.family().speculator() != null) {
                    ds.add(f.family().speculator().dir());
                }
                return new Pair(f.family().target().dir(), ds);
            }
            Path dir = AppPaths.embeddedFamily();
            List<Path> ds = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("target")).sorted().forEach(ds::add);
            } catch (IOException e) {
                return new Pair(null, List.of()); // no embedded family: the user picks folders
            }
            return new Pair(dir.resolve("target"), ds);
        }
    }

    private final Stage stage = new Stage();
    private final TextField target = new TextField();
    private final ComboBox<String> drafter = new ComboBox<>();
    private final Spinner<Integer> probeTokens = new Spinner<>(0, 512, 48, 16);
    private final Spinner<Integer> k = new Spinner<>(1, 12, 4);
    private final Button check = new Button("Check");
    private final Button cancel = new Button("Cancel");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label("Pick a target and a drafter folder, then Check.");
    private final VBox results = new VBox();
    private final ReadOnlyObjectWrapper<DoctorReport> report = new ReadOnlyObjectWrapper<>();
    private Task<DoctorReport> running;

    private DoctorDialog(Window owner, Pair start) {
        stage.initOwner(owner);
        stage.setTitle("Compatibility doctor");
        if (start.target() != null) {
            target.setText(start.target().toString());
        }
        start.drafters().forEach(p -> drafter.getItems().add(p.toString()));
        drafter.setEditable(true);
        if (!drafter.getItems().isEmpty()) {
            drafter.setValue(drafter.getItems().get(0));
        }
        target.setId("doctorTarget");
        drafter.setId("doctorDrafter");
        check.setId("doctorCheck");
        probeTokens.setId("doctorProbe");
        probeTokens.setEditable(true);
        k.setEditable(true);
        GridPane form = new GridPane();
        form.getStyleClass().add("doctor-grid");
        form.addRow(0, new Label("Target folder"), target, chooser(target::setText, target::getText));
        form.addRow(1, new Label("Drafter or speculator"), drafter, chooser(drafter::setValue, drafter::getValue));
        form.addRow(2, new Label("Probe tokens (0 = none)"), probeTokens);
        form.addRow(3, new Label("Draft tokens k in the probe"), k);
        GridPane.setHgrow(target, Priority.ALWAYS);
        drafter.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        progress.setPrefSize(18, 18);
        cancel.setDisable(true);
        check.setDefaultButton(true);
        check.setOnAction(e -> check());
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        HBox buttons = new HBox(8, check, cancel, progress, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        results.setSpacing(6);
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox root = new VBox(form, buttons, scroll);
        root.getStyleClass().add("teach-window");
        Scene scene = new Scene(root, 920, 700);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> cancel.fire());
    }

    /** Opens the doctor, starting from {@code start}'s folders. */
    public static DoctorDialog show(Window owner, Pair start) {
        DoctorDialog d = new DoctorDialog(owner, start);
        d.stage.show();
        return d;
    }

    private Button chooser(Consumer<String> set, Supplier<String> get) {
        Button b = new Button("Choose…");
        b.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Choose a model folder");
            String now = get.get();
            if (now != null && !now.isBlank() && new File(now).isDirectory()) {
                c.setInitialDirectory(new File(now).getParentFile());
            }
            File f = c.showDialog(stage);
            if (f != null) {
                set.accept(f.toString());
            }
        });
        return b;
    }

    /** Sets the drafter folder to check next. */
    public void setDrafter(Path dir) {
        drafter.setValue(dir.toString());
        drafter.getEditor().setText(dir.toString());
    }

    /** Runs the checks (and the probe) in the background. */
    public void check() {
        String t = target.getText() == null ? "" : target.getText().trim();
        String d = drafter.getEditor().getText() == null ? "" : drafter.getEditor().getText().trim();
        if (t.isEmpty() || d.isEmpty()) {
            Dialogs.error(check, "Two folders are needed", "Choose the target's folder and the drafter's (or speculator's) folder.");
            return;
        }
        Doctor.Probe probe = new Doctor.Probe(probeTokens.getValue(), k.getValue(), Doctor.PROBE_PROMPT);
        Task<DoctorReport> task = new Task<>() {
            @Override
            protected DoctorReport call() {
                return Doctor.examine(Path.of(t), Path.of(d), probe, DjlEnvironment.configuredDevice(), this::isCancelled,
                        this::updateMessage);
            }
        };
        running = task;
        check.setDisable(true);
        cancel.setDisable(false);
        progress.setVisible(true);
        status.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            done();
            status.setText("Checked.");
            show(task.getValue());
        });
        task.setOnCancelled(e -> {
            done();
            status.setText("Cancelled.");
        });
        task.setOnFailed(e -> {
            done();
            status.setText("The check failed.");
            Dialogs.error(check, "Cannot check these folders", task.getException());
        });
        Background.start("doctor", task);
    }

    private void done() {
        status.textProperty().unbind();
        check.setDisable(false);
        cancel.setDisable(true);
        progress.setVisible(false);
        running = null;
    }

    private void show(DoctorReport r) {
        Label verdict = new Label(ReportText.verdict(r)); // the CLI's words, so both say an encoder-decoder pair is one
        verdict.getStyleClass().addAll("doctor-verdict", r.compatible() ? "doctor-status-ok" : "doctor-status-problem");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("doctor-grid");
        int row = 0;
        for (Finding f : r.findings()) {
            Label st = new Label(f.status().name());
            st.getStyleClass().add("doctor-status-" + f.status().name().toLowerCase(Locale.ROOT));
            st.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setValignment(st, VPos.TOP);
            Label name = new Label(f.check());
            name.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setValignment(name, VPos.TOP);
            Label detail = new Label(f.detail() + (f.advice().isEmpty() ? "" : "\n→ " + f.advice()));
            detail.setWrapText(true);
            if (!f.advice().isEmpty()) {
                detail.getStyleClass().add("doctor-detail-with-advice");
            }
            GridPane.setHgrow(detail, Priority.ALWAYS);
            grid.addRow(row++, st, name, detail);
        }
        VBox block = new VBox(4, verdict, grid);
        block.getStyleClass().add("doctor-report");
        results.getChildren().add(0, block); // newest first; earlier checks stay for comparison
        report.set(r);
    }

    /** The latest report (null until a check finishes). */
    public ReadOnlyObjectProperty<DoctorReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The window. */
    public Stage stage() {
        return stage;
    }
}
