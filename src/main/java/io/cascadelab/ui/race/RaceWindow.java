package io.cascadelab.ui.race;

import io.cascadelab.ui.Dialogs;
import io.cascadelab.ui.DrafterStylesheet;
import io.cascadelab.ui.MainController;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;

/** Opens the race window next to an explorer window (one per explorer; a second open brings it to front). */
public final class RaceWindow {

    static final String FXML = "/fxml/race.fxml";
    static final String[] STYLESHEETS = {"/styles/app.css", "/styles/race.css"};

    private RaceWindow() {
    }

    /** Shows the race window of {@code main}, creating it on first use; null if the view cannot be built. */
    public static RaceController show(MainController main) {
        Parent mainRoot = main.root();
        RaceController existing = (RaceController) mainRoot.getProperties().get(RaceController.class);
        if (existing != null) {
            existing.stage().show();
            existing.stage().toFront();
            return existing;
        }
        try {
            FXMLLoader loader = new FXMLLoader(resource(FXML));
            Parent root = loader.load();
            RaceController race = loader.getController();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            Scene scene = new Scene(root, Math.min(1240, screen.getWidth()), Math.min(760, screen.getHeight()));
            for (String css : STYLESHEETS) {
                scene.getStylesheets().add(resource(css).toExternalForm());
            }
            scene.getStylesheets().add(DrafterStylesheet.url());
            Stage stage = new Stage();
            stage.setTitle("CascadeLab — Race");
            stage.initOwner(mainRoot.getScene().getWindow());
            stage.setScene(scene);
            race.attach(main, stage);
            mainRoot.getProperties().put(RaceController.class, race);
            stage.show();
            return race;
        } catch (IOException | RuntimeException e) {
            Dialogs.error(mainRoot, "Cannot open the race window", e);
            return null;
        }
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(RaceWindow.class.getResource(name), name + " missing from the classpath");
    }
}
