package io.cascadelab.ui;

import io.cascadelab.ui.model.RunStates;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The off-screen warm-up: every round replays through the drawing code, the window sees none of it, a run stops it. */
class RehearsalTest extends WindowTest {

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        resetAndCloseModels(robot);
    }

    @Test
    void replaysEveryRoundOffScreenAndLeavesTheWindowAlone(FxRobot robot) throws TimeoutException {
        Rehearsal[] r = new Rehearsal[1];
        robot.interact(() -> r[0] = Rehearsal.start(window.root().getScene().getStylesheets(), 3));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !r[0].runningProperty().get());
        assertEquals(3, r[0].roundsDone(), "each round ends only once all its steps and statistics are drawn");
        assertEquals(0, window.runs().stepCount());
        assertEquals(RunStates.State.IDLE, window.runs().stateProperty().get());
        assertTrue(robot.lookup("#welcomePane").query().isVisible(), "the window's own output is untouched");
    }

    @Test
    void theWindowsFirstRunStopsItAtOnce(FxRobot robot) throws TimeoutException {
        Rehearsal[] r = new Rehearsal[1];
        robot.interact(() -> r[0] = Rehearsal.startBeside(window, 100_000));
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        robot.interact(() -> {
            window.prompt().setMaxNewTokens(8);
            window.runs().run();
            assertFalse(r[0].runningProperty().get(), "stopped in the same event as the run started");
        });
        int done = r[0].roundsDone();
        robot.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(done, r[0].roundsDone(), "no round after the stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        assertTrue(window.runs().stepCount() > 0);
    }

    @Test
    void isLeftOutWhenSwitchedOff(FxRobot robot) {
        System.setProperty("cascadelab.rehearse", "false");
        try {
            Rehearsal[] r = {null};
            robot.interact(() -> r[0] = Rehearsal.start(window.root().getScene().getStylesheets(), 3));
            assertNull(r[0]);
        } finally {
            System.clearProperty("cascadelab.rehearse");
        }
    }
}
