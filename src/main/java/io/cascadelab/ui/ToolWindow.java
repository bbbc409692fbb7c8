package io.cascadelab.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;

/**
 * Opens a tool window (an FXML view with its stylesheets: the tuning lab, the race) next to an
 * explorer window; one of each per explorer, so a second open brings it to the front.
 */
public final class ToolWindow {

    /** A tool window's controller: it learns its explorer and stage once, and tells its stage. */
    public interface Controller {
        void attach(MainController main, Stage stage);

        Stage stage();
    }

    /** What a tool window is made of. */
    public record Spec(String fxml, String stylesheet, String title, double width, double height) {
    }

    private ToolWindow() {
    }

    /** Shows {@code main}'s window of {@code spec}, creating it on first use; null (after a dialog) if it cannot be built. */
    public static <C extends Controller> C show(MainController main, Class<C> type, Spec spec) {
        Parent mainRoot = main.root();
        Object existing = mainRoot.getProperties().get(type);
        if (type.isInstance(existing)) {
            C c = type.cast(existing);
            c.stage().show();
            c.stage().toFront();
            return c;
        }
        try {
            FXMLLoader loader = new FXMLLoader(resource(spec.fxml()));
            Parent root = loader.load();
            C controller = type.cast(loader.getController());
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            Scene scene = new Scene(root, Math.min(spec.width(), screen.getWidth()), Math.min(spec.height(), screen.getHeight()));
            scene.getStylesheets().add(resource("/styles/app.css").toExternalForm());
            scene.getStylesheets().add(resource(spec.stylesheet()).toExternalForm());
            scene.getStylesheets().add(DrafterStylesheet.url());
            Stage stage = new Stage();
            stage.setTitle("CascadeLab — " + spec.title());
            stage.initOwner(mainRoot.getScene().getWindow());
            stage.setScene(scene);
            controller.attach(main, stage);
            mainRoot.getProperties().put(type, controller);
            stage.show();
            return controller;
        } catch (IOException | RuntimeException e) {
            Dialogs.error(mainRoot, "Cannot open the " + spec.title().toLowerCase(java.util.Locale.ROOT) + " window", e);
            return null;
        }
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(ToolWindow.class.getResource(name), name + " missing from the classpath");
    }
}
