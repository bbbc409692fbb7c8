package io.cascadelab.ui.race;

import io.cascadelab.ui.MainController;
import io.cascadelab.ui.ToolWindow;

/** Opens the race window next to an explorer window (one per explorer; a second open brings it to front). */
public final class RaceWindow {

    static final ToolWindow.Spec SPEC = new ToolWindow.Spec("/fxml/race.fxml", "/styles/race.css", "Race", 1240, 760);

    private RaceWindow() {
    }

    /** Shows the race window of {@code main}, creating it on first use; null if the view cannot be built. */
    public static RaceController show(MainController main) {
        return ToolWindow.show(main, RaceController.class, SPEC);
    }
}
