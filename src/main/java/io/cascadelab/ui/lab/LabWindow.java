package io.cascadelab.ui.lab;

import io.cascadelab.ui.DrafterStylesheet;
import io.cascadelab.ui.Dialogs;
import io.cascadelab.ui.MainController;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;

/** Opens the tuning lab next to an explorer window (one lab per explorer; a second open brings it to front). */
public final class LabWindow {

    static final String FXML = "/fxml/lab.fxml";
    static final String[] STYLESHEETS = {"/styles/app.css", "/styles/lab.css"};

    private LabWindow() {
    }

    /** Shows the lab of {@code main}, creating it on first use; null if the view cannot be built. */
    public static LabController show(MainController main) {
        Parent mainRoot = main.root();
        LabController existing = (LabController) mainRoot.getProperties().get(LabController.class);
        if (existing != null) {
            existing.stage().show();
            existing.stage().toFront();
            return existing;
        }
        try {
            FXMLLoader loader = new FXMLLoader(resource(FXML));
            Parent root = loader.load();
            LabController lab = loader.getController();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            Scene scene = new Scene(root, Math.min(1180, screen.getWidth()), Math.min(760, screen.getHeight()));
            for (String css : STYLESHEETS) {
                scene.getStylesheets().add(resource(css).toExternalForm());
            }
            scene.getStylesheets().add(DrafterStylesheet.url());
            Stage stage = new Stage();
            stage.setTitle("CascadeLab — Tuning lab");
            stage.initOwner(mainRoot.getScene().getWindow());
            stage.setScene(scene);
            lab.attach(main, stage);
            mainRoot.getProperties().put(LabController.class, lab);
            stage.show();
            return lab;
        } catch (IOException | RuntimeException e) {
            Dialogs.error(mainRoot, "Cannot open the tuning lab", e);
            return null;
        }
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(LabWindow.class.getResource(name), name + " missing from the classpath");
    }
}
