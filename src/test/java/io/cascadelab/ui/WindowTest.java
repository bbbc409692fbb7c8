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

    /** Opens the main window on TestFX's stage. */
    protected void open(Stage stage) throws Exception {
        window = CascadeLabApp.showMainWindow(stage);
    }
}
