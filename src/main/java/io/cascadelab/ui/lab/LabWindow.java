package io.cascadelab.ui.lab;

import io.cascadelab.ui.MainController;
import io.cascadelab.ui.ToolWindow;

/** Opens the tuning lab next to an explorer window (one lab per explorer; a second open brings it to front). */
public final class LabWindow {

    static final ToolWindow.Spec SPEC = new ToolWindow.Spec("/fxml/lab.fxml", "/styles/lab.css", "Tuning lab", 1180, 760);

    private LabWindow() {
    }

    /** Shows the lab of {@code main}, creating it on first use; null if the view cannot be built. */
    public static LabController show(MainController main) {
        return ToolWindow.show(main, LabController.class, SPEC);
    }
}
