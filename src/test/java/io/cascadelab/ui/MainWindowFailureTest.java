package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A device that cannot be used is reported in the status bar and an alert, without a stack trace. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFailureTest {

    @BeforeAll
    static void askForAMissingGpu() {
        System.setProperty(DjlEnvironment.DEVICE_PROPERTY, "gpu:7");
    }

    @AfterAll
    static void forgetDevice() {
        System.clearProperty(DjlEnvironment.DEVICE_PROPERTY);
    }

    @Start
    void start(Stage stage) throws Exception {
        new CascadeLabApp().start(stage);
    }

    @Test
    void missingGpuShowsTheMessageInTheStatusBarAndAnAlert(FxRobot robot) throws TimeoutException {
        Label engine = robot.lookup("#engineLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> engine.getText().contains("gpu:7"));
        assertTrue(engine.getStyleClass().contains("status-error"), engine.getStyleClass().toString());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(alert.getContentText().contains("gpu:7"), alert.getContentText());
        assertFalse(alert.getContentText().contains("Exception"), alert.getContentText());
        assertFalse(alert.getContentText().contains("\tat "), alert.getContentText());
        robot.clickOn("OK");
    }
}
