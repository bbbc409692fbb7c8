package io.cascadelab.ui;

import io.cascadelab.util.AppPaths;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken embedded family is reported in the Models panel at start-up; the window stays usable. */
class ExplorerBrokenFamilyTest extends WindowTest {


    @BeforeAll
    static void brokenHome() throws IOException {
        Path home = Files.createTempDirectory("cascadelab-broken");
        Path target = Files.createDirectories(home.resolve(AppPaths.EMBEDDED_FAMILY).resolve("target"));
        Files.writeString(target.resolve("config.json"), "{\"model_type\": \"llama\"");
        System.setProperty(AppPaths.HOME_PROPERTY, home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void theReasonIsShownInTheModelsPanelAndTheWindowStaysUsable(FxRobot robot) throws TimeoutException {
        Label status = robot.lookup("#loadStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText() != null && status.getText().startsWith("Not loaded"));
        assertTrue(status.getText().contains("config.json"), status.getText());
        assertFalse(status.getText().contains("Exception"), status.getText());
        assertNull(window.models().family());
        assertFalse(robot.lookup("#openFolderButton").queryAs(Button.class).isDisabled(), "another folder can be opened");
        assertTrue(robot.lookup("#runButton").queryAs(Button.class).isDisabled(), "nothing to run yet");
    }
}
