package io.cascadelab.ui;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** Error and information dialogs: the message only, never a stack trace. */
public final class Dialogs {

    private Dialogs() {
    }

    /** Shows an error about {@code what} with the exception's message (non-blocking). */
    public static void error(Node owner, String what, Throwable error) {
        error(owner, what, messageOf(error));
    }

    /** Shows an error about {@code what} (non-blocking). */
    public static void error(Node owner, String what, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setTitle("CascadeLab");
        alert.setHeaderText(what);
        Window w = owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.show();
    }

    /** The first non-empty message in the cause chain, else the exception's simple name. */
    public static String messageOf(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
