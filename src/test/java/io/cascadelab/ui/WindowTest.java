package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.util.AppPaths;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The set-up shared by the TestFX tests that open the main window: models on the CPU, the window
 * in {@link #window}, and the home folder a subclass picks in its own {@code @BeforeAll} (JUnit runs
 * this class's first) put back afterwards. TestFX only calls a {@code @Start} method the test class
 * declares itself, so each subclass declares one that calls {@link #open}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {

    private static String previousHome;

    /** The main window of the current test. */
    protected MainController window;

    @BeforeAll
    static void onTheCpu() {
        System.setProperty(DjlEnvironment.DEVICE_PROPERTY, "cpu");
        previousHome = System.getProperty(AppPaths.HOME_PROPERTY);
    }

    @AfterAll
    static void restoreHome() {
        System.clearProperty(DjlEnvironment.DEVICE_PROPERTY);
        ExplorerHome.restore(previousHome);
    }

    /** Waits until no load is running, then frees the window's models (native memory); for an {@code @AfterEach}. */
    protected void closeModelsWhenLoaded(org.testfx.api.FxRobot robot) throws java.util.concurrent.TimeoutException {
        org.testfx.util.WaitForAsyncUtils.waitFor(300, java.util.concurrent.TimeUnit.SECONDS,
                () -> !window.models().loadingProperty().get());
        robot.interact(() -> {
            if (window.models().family() != null) {
                window.models().family().close();
            }
        });
    }

    /**
     * Waits until no load, run or baseline is going on, then resets the run and frees the window's
     * models (native memory); for an {@code @AfterEach}.
     */
    protected void resetAndCloseModels(org.testfx.api.FxRobot robot) throws java.util.concurrent.TimeoutException {
        org.testfx.util.WaitForAsyncUtils.waitFor(300, java.util.concurrent.TimeUnit.SECONDS,
                () -> !window.models().loadingProperty().get()
                        && window.runs().stateProperty().get() != io.cascadelab.ui.model.RunStates.State.RUNNING
                        && !window.runs().baselineRunningProperty().get());
        robot.interact(() -> {
            window.runs().reset();
            if (window.models().family() != null) {
                window.models().family().close();
            }
        });
    }

    /** Scrolls the side panel until the node {@code query} finds is in view (a laptop-sized window scrolls it). */
    protected void reveal(org.testfx.api.FxRobot robot, String query) {
        robot.interact(() -> {
            javafx.scene.Node n = robot.lookup(query).query();
            javafx.scene.control.ScrollPane sp = robot.lookup(".side-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            javafx.scene.Node content = sp.getContent();
            javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (b.getMinY() - 20) / room)));
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the main window on TestFX's stage. */
    protected void open(Stage stage) throws Exception {
        window = CascadeLabApp.showMainWindow(stage);
    }
}
