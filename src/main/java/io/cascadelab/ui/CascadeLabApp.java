package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;

/** The JavaFX explorer. Start it through {@link io.cascadelab.Launcher}, not directly. */
public final class CascadeLabApp extends Application {

    static final String MAIN_FXML = "/fxml/main.fxml";
    static final String STYLESHEET = "/styles/app.css";

    /** Opens the main window and blocks until it is closed. */
    public static void launchApp(String[] args) {
        Application.launch(CascadeLabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        showMainWindow(stage);
    }

    /** Builds the main window on {@code stage}, shows it and returns its controller (for tools and tests). */
    public static MainController showMainWindow(Stage stage) throws IOException {
        DjlEnvironment.init();
        DjlEnvironment.leaveOneCoreFree();
        StoredSetting.DEVICE.applyStoredChoice();
        StoredSetting.COMPUTE_DTYPE.applyStoredChoice();
        Parent root = FXMLLoader.load(resource(MAIN_FXML));
        // never larger than the screen (small laptops, the headless test screen)
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth()), Math.min(860, screen.getHeight()));
        scene.getStylesheets().addAll(resource(STYLESHEET).toExternalForm(), DrafterStylesheet.url());
        stage.setTitle("CascadeLab");
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setScene(scene);
        stage.show();
        MainController window = MainController.of(root);
        Rehearsal.startBeside(window, Rehearsal.ROUNDS);
        return window;
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(CascadeLabApp.class.getResource(name), name + " missing from the classpath");
    }
}
