package io.cascadelab.ui;

import io.cascadelab.ui.model.RunStates;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real explorer window, headless (Monocle), on the embedded family (or, before it is trained,
 * on a family assembled from the golden fixtures): greedy, fixed seed, 60 new tokens.
 */
class ExplorerWindowTest extends WindowTest {

    private static final String PROMPT = "In the beginning God created the heaven and the earth.";
    private static final int NEW_TOKENS = 60;


    @BeforeAll
    static void useAFamily() throws IOException {
        ExplorerHome.use();
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    /** Each test opens its own window; free the models of the last one (native memory). */
    @AfterEach
    void closeModels(FxRobot robot) throws TimeoutException {
        resetAndCloseModels(robot);
    }

    private void waitForFamily() throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
    }

    private void runToTheEnd(FxRobot robot) throws TimeoutException {
        robot.interact(() -> {
            window.prompt().setPrompt(PROMPT);
            window.prompt().setMaxNewTokens(NEW_TOKENS);
            window.prompt().setGreedy(true);
        });
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRunShowsProvenanceGhostsStatisticsTheInspectorAndTheLosslessBadge(FxRobot robot) throws TimeoutException {
        waitForFamily();
        runToTheEnd(robot);

        Set<String> provenances = new TreeSet<>();
        for (Node n : robot.lookup(".token").queryAll()) {
            if (!n.getStyleClass().contains("ghost") && !n.getStyleClass().contains("ghost-untested")) {
                n.getStyleClass().stream().filter(c -> c.startsWith("prov-")).forEach(provenances::add);
            }
        }
        assertTrue(provenances.size() >= 2, "token provenances: " + provenances);
        assertFalse(robot.lookup(".token.ghost").queryAll().isEmpty(), "no rejected draft token shown");
        Text ghost = robot.lookup(".token.ghost").queryAs(Text.class);
        assertTrue(ghost.isStrikethrough(), "a ghost token is struck through");

        Node drafted = robot.lookup(".step-drafted .token").match(n -> !n.getStyleClass().contains("ghost")
                && !n.getStyleClass().contains("ghost-untested")).query();
        robot.moveTo(drafted).moveBy(1, 0).moveBy(1, 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> drafted.getProperties().get(Tooltip.class) instanceof Tooltip t
                && t.isShowing());
        String tip = ((Tooltip) drafted.getProperties().get(Tooltip.class)).getText();
        assertTrue(tip.contains("p=") && tip.contains("accepted"), tip);
        robot.moveTo("#runStatus");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !((Tooltip) drafted.getProperties().get(Tooltip.class)).isShowing());

        Label al = robot.lookup("#alValue").queryAs(Label.class);
        Label calls = robot.lookup("#callsValue").queryAs(Label.class);
        assertNotEquals("—", al.getText());
        assertTrue(Integer.parseInt(calls.getText()) > 0, calls.getText());

        robot.clickOn(robot.lookup(".step-group").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#sideTabs").queryAs(TabPane.class);
        assertEquals("Step inspector", tabs.getSelectionModel().getSelectedItem().getText());
        assertEquals("Step 1", robot.lookup("#inspectorTitle").queryAs(Label.class).getText());
        assertFalse(robot.lookup(".review-box").queryAll().isEmpty(), "the cascade is drawn");
        assertFalse(robot.lookup(".waterfall-bar").queryAll().isEmpty(), "the waterfall is drawn");

        robot.clickOn("#baselineButton");
        Label badge = robot.lookup("#losslessBadge").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, badge::isVisible);
        assertEquals("identical to target", badge.getText());
        assertTrue(robot.lookup("#speedupName").queryAs(Label.class).getText().contains("measured"));
    }

    @Test
    void anInvalidModelFolderShowsTheReasonAndTheWindowKeepsWorking(FxRobot robot, @TempDir Path tmp)
            throws IOException, TimeoutException {
        waitForFamily();
        Path bad = Files.createDirectories(tmp.resolve("broken-model"));
        Files.writeString(bad.resolve("config.json"), "{ this is not json");
        window.models().setFolderPicker(title -> bad);

        robot.clickOn("#openFolderButton");
        DialogPane dialog = ErrorDialogs.waitFor(robot);
        String message = dialog.getContentText();
        assertTrue(message.contains("broken-model") || message.contains("config.json"), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("\tat "), message);
        ErrorDialogs.dismiss(robot, dialog);

        assertNotNull(window.models().family(), "the loaded family stays");
        runToTheEnd(robot);
        assertTrue(window.runs().stepCount() > 0);
    }

    @Test
    void stepRunsOneTargetReviewAtATimeAndResumeFinishesTheRun(FxRobot robot) throws TimeoutException, InterruptedException {
        waitForFamily();
        robot.interact(() -> {
            window.prompt().setPrompt(PROMPT);
            window.prompt().setMaxNewTokens(NEW_TOKENS);
            window.prompt().setGreedy(true);
        });
        robot.clickOn("#stepButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.runs().stepCount() == 1);
        Thread.sleep(300); // a free-running decoder would have gone on by now
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.runs().stepCount());
        assertEquals(RunStates.State.PAUSED, window.runs().stateProperty().get());
        assertEquals("Resume", robot.lookup("#pauseButton").queryAs(javafx.scene.control.Button.class).getText());

        robot.clickOn("#stepButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.runs().stepCount() == 2);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.runs().stepCount());

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        assertTrue(window.runs().stepCount() > 2);
    }

    @Test
    void aSliderMovedDuringARunReachesTheRunAtItsNextStep(FxRobot robot) throws TimeoutException {
        waitForFamily();
        robot.interact(() -> {
            window.prompt().setPrompt(PROMPT);
            window.prompt().setMaxNewTokens(NEW_TOKENS);
            window.prompt().setGreedy(true);
            window.method().select(MethodSpec.Method.CSD, 6);
        });
        robot.clickOn("#stepButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.runs().stepCount() == 1);
        int depth = (int) robot.lookup("#depthSlider").queryAs(Slider.class).getValue();
        robot.interact(() -> robot.lookup("#kSlider").queryAs(Slider.class).setValue(4));
        robot.clickOn("#pauseButton"); // Resume
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        int[][] used = window.runs().trace().header().kMatrix();
        assertTrue(java.util.Arrays.deepEquals(KMatrix.expand(4, depth).toIncrements(), used),
                java.util.Arrays.deepToString(used));
    }

    @Test
    void hideRejectedTakesTheStruckThroughDraftsOutOfTheOutputAndBack(FxRobot robot) throws Exception {
        waitForFamily();
        runToTheEnd(robot);
        long rejected = WaitForAsyncUtils.asyncFx(() -> window.tokens().visibleRejected()).get();
        assertTrue(rejected > 0, "the cascade's run has rejected drafts on screen");
        robot.clickOn("#hideGhostsCheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0L, WaitForAsyncUtils.asyncFx(() -> window.tokens().visibleRejected()).get());
        robot.clickOn("#hideGhostsCheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rejected, WaitForAsyncUtils.asyncFx(() -> window.tokens().visibleRejected()).get());
    }

    @Test
    void aGgufFileOpensAsTheTargetAndAnotherAsItsDrafterAndTheyRun(FxRobot robot) throws TimeoutException {
        waitForFamily();
        Path dir = Path.of("src/test/resources/gguf").toAbsolutePath();
        window.models().setFilePicker(title -> dir.resolve(title.contains("draft") ? "llama-q4_0.gguf" : "llama-q8_0.gguf"));
        robot.interact(() -> window.models().openGgufFile());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && window.models().family().source().endsWith("llama-q8_0.gguf"));
        robot.interact(() -> window.models().addGgufDrafter());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && window.models().family().family().drafts().size() == 1);
        assertTrue(window.models().family().family().drafts().get(0).dir().endsWith("llama-q4_0.gguf"));
        runToTheEnd(robot);
        assertTrue(window.runs().stepCount() > 0);
    }

    @Test
    void aDrafterWithAnotherTokenizerIsRefusedWithTheReason(FxRobot robot) throws TimeoutException {
        waitForFamily();
        var before = window.models().family();
        Path qwen = Path.of("src/test/resources/fixtures/qwen2-bias").toAbsolutePath();
        window.models().setFolderPicker(title -> qwen);

        robot.clickOn("#addDrafterButton");
        DialogPane dialog = ErrorDialogs.waitFor(robot);
        String message = dialog.getContentText();
        assertTrue(message.contains("cannot pair") && message.contains("qwen2-bias"), message);
        ErrorDialogs.dismiss(robot, dialog);
        assertEquals(before, window.models().family(), "the loaded family stays");
    }

    @Test
    void aReplayedTraceLooksExactlyLikeTheLiveRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        waitForFamily();
        runToTheEnd(robot);
        List<String> live = renderedTokens(robot);
        Path file = tmp.resolve("run.jsonl");
        TraceFile.write(file, window.runs().trace());

        Trace stored = TraceFile.read(file);
        robot.interact(() -> window.runs().replay(stored));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(live, renderedTokens(robot));
    }

    /** Every token node's text and style classes, in order. */
    private static List<String> renderedTokens(FxRobot robot) {
        List<String> out = new ArrayList<>();
        for (Node n : robot.lookup(".token").queryAll()) {
            out.add(((Text) n).getText() + " " + n.getStyleClass());
        }
        return out;
    }
}
