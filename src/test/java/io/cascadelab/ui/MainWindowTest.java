package io.cascadelab.ui;

import io.cascadelab.model.DjlEnvironment;
import javafx.scene.chart.Axis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real main window, headless (Monocle): it starts the engine off the FX thread and reports it. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;

    @BeforeAll
    static void useTheCpu() {
        // Independent of whatever device this machine's user stored in the Settings menu.
        System.setProperty(DjlEnvironment.DEVICE_PROPERTY, "cpu");
    }

    @AfterAll
    static void forgetDevice() {
        System.clearProperty(DjlEnvironment.DEVICE_PROPERTY);
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        new CascadeLabApp().start(stage);
    }

    @Test
    void runsOnTheHeadlessMonoclePlatform() {
        String glass = com.sun.glass.ui.Application.GetApplication().getClass().getName();
        assertTrue(glass.contains("monocle"), glass);
    }

    @Test
    void windowIsTitledCascadeLab() {
        assertEquals("CascadeLab", stage.getTitle());
    }

    @Test
    void statusBarShowsPyTorchOnTheCpuOnceTheEngineHasStarted(FxRobot robot) throws TimeoutException {
        Label engine = robot.lookup("#engineLabel").queryAs(Label.class);
        Label device = robot.lookup("#deviceLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> engine.getText().contains("PyTorch"));
        assertTrue(device.getText().contains("cpu"), device.getText());
    }

    @Test
    void statusBarShowsTheEmbeddedFamilyFolder(FxRobot robot) throws TimeoutException {
        Label family = robot.lookup("#familyLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !family.getText().contains("checking"));
        assertTrue(family.getText().startsWith("models/kjv: "), family.getText());
    }

    @Test
    void settingsMenuOffersTheDeviceAndComputeChoicesAndSaysWhenTheyApply(FxRobot robot) {
        robot.clickOn("Settings");
        ChoiceBox<?> choice = robot.lookup("#deviceChoice").queryAs(ChoiceBox.class);
        assertEquals(List.of("auto", "cpu", "gpu"), List.copyOf(choice.getItems()));
        assertTrue(choice.getTooltip().getText().contains("next model load"), choice.getTooltip().getText());
        ChoiceBox<?> dtype = robot.lookup("#dtypeChoice").queryAs(ChoiceBox.class);
        assertEquals(List.of("f32", "f16"), List.copyOf(dtype.getItems()));
        assertEquals("f32", dtype.getValue(), "nothing chosen: the window computes in float32");
        assertTrue(dtype.getTooltip().getText().contains("slow on most CPUs"), dtype.getTooltip().getText());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void welcomeStateIsShownWhileNoModelIsLoaded(FxRobot robot) {
        assertTrue(robot.lookup("#welcomePane").query().isVisible());
    }

    @Test
    void theEmptyChartsPositionAndCountAxesHaveWholeNumberTicksBeforeAnyRun(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.sleep(700); // the placeholder data is drawn, then cleared after 500 ms
        WaitForAsyncUtils.waitForFxEvents();
        XYChart<?, ?> alpha = robot.lookup("#alphaChart").queryAs(XYChart.class);
        XYChart<?, ?> histogram = robot.lookup("#histogramChart").queryAs(XYChart.class);
        XYChart<?, ?> speedup = robot.lookup("#speedupChart").queryAs(XYChart.class);
        for (Axis<?> axis : List.of(alpha.getXAxis(), histogram.getYAxis(), speedup.getXAxis())) {
            NumberAxis a = (NumberAxis) axis;
            assertTrue(!a.getTickMarks().isEmpty(), a.getLabel() + ": no ticks");
            for (Axis.TickMark<Number> t : a.getTickMarks()) {
                double v = t.getValue().doubleValue();
                assertEquals(Math.rint(v), v, a.getLabel() + ": tick " + v);
                assertEquals(String.valueOf((long) v), a.getTickLabelFormatter().toString(v), a.getLabel());
            }
        }
    }
}
