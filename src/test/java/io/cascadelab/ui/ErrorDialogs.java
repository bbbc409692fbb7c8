package io.cascadelab.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finding and dismissing the window's error dialogs ({@link Dialogs}) in TestFX tests. */
final class ErrorDialogs {

    private ErrorDialogs() {
    }

    /** The error dialog on screen (dialogs of earlier tests may linger, closed). */
    static DialogPane waitFor(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> showing(robot) != null);
        return showing(robot);
    }

    static DialogPane showing(FxRobot robot) {
        return robot.lookup(".error-dialog").match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQueryAs(DialogPane.class).orElse(null);
    }

    static void dismiss(FxRobot robot, DialogPane dialog) {
        robot.interact(() -> ((Button) dialog.lookupButton(ButtonType.OK)).fire());
    }
}
