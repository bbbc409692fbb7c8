package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.EnvironmentReport;
import io.cascadelab.util.AppPaths;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/** Main window: welcome state, device setting and a status bar with engine, device and model family. */
public final class MainController {

    private static final String ERROR = "status-error";

    @FXML private Label engineLabel;
    @FXML private FontIcon engineIcon;
    @FXML private Label deviceLabel;
    @FXML private Label familyLabel;
    @FXML private Label offlineLabel;
    @FXML private Label familyHint;
    @FXML private ChoiceBox<String> deviceChoice;

    /** The latest status request; results of older ones are dropped. */
    private Task<EnvironmentReport> statusTask;

    @FXML
    private void initialize() {
        deviceChoice.getItems().setAll(DeviceSetting.CHOICES);
        deviceChoice.setValue(DeviceSetting.stored());
        deviceChoice.valueProperty().addListener((obs, old, choice) -> {
            DeviceSetting.store(choice);
            refreshStatus();
        });
        familyLabel.setText(AppPaths.EMBEDDED_FAMILY + ": checking…");
        refreshStatus();
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
                + "\nCache: " + r.cacheDir()));
        deviceLabel.setText("on " + r.device());
        deviceLabel.setTooltip(new Tooltip("Requested: " + r.deviceRequest() + " (" + r.gpuCount()
                + " GPU(s) visible). Change it in Settings; it applies on the next model load."));
        offlineLabel.setText(r.offline() ? "offline" : "downloads allowed");
        familyLabel.setText(r.familyLine());
        familyLabel.setTooltip(new Tooltip(r.embeddedFamily().toString()));
        familyHint.setText(r.familyPresent()
                ? "The embedded model family was found in " + AppPaths.EMBEDDED_FAMILY + "."
                : "The embedded model family (" + AppPaths.EMBEDDED_FAMILY + ") has not been trained yet.");
    }

    private void showFailure(Throwable error) {
        String message = messageOf(error);
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

    private static String messageOf(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
