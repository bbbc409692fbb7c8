package io.cascadelab.ui;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.T5Family;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.RunStates;
import io.cascadelab.util.AppPaths;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real window, headless, on an encoder-decoder family (the T5 fixtures as the embedded family):
 * the encoder input is shown captioned as what the encoder read, the output apart from it without
 * the decoder start token, a replay looks like the live run, the step inspector shows every step,
 * and hovering a Max-Gram copy from the encoder input lights the input tokens it came from.
 */
class EncoderDecoderWindowTest extends WindowTest {

    private static final int NEW_TOKENS = 40;
    /** A CS Drafting run made outside the window, whose output copies from the encoder input. */
    private static Trace copying;

    @BeforeAll
    static void useAT5Family() throws IOException {
        Path home = Files.createTempDirectory("cascadelab-t5-home");
        Files.createDirectories(home.resolve(AppPaths.EMBEDDED_FAMILY).getParent());
        Files.createSymbolicLink(home.resolve(AppPaths.EMBEDDED_FAMILY), T5Family.folder());
        Files.createSymbolicLink(home.resolve("sample-prompts"), AppPaths.samplePrompts().toAbsolutePath());
        System.setProperty(AppPaths.HOME_PROPERTY, home.toString()); // WindowTest puts the previous home back
        try (ModelFamily f = T5Family.load()) {
            int[] ids = f.target().tokenizer().encode(T5Family.COPYING_PROMPT);
            copying = Runner.run(f, new Runner.Request(T5Family.CSD, SamplingSettings.GREEDY, NEW_TOKENS), ids,
                    T5Family.COPYING_PROMPT, List.of(), null, e -> { }, () -> false, "cpu").trace();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @AfterEach
    void closeModels(FxRobot robot) throws TimeoutException {
        resetAndCloseModels(robot);
    }

    private void waitUntilFinished() throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aLiveRunShowsTheEncoderInputApartFromTheOutputAndItsReplayLooksTheSame(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        robot.interact(() -> {
            window.prompt().setPrompt(T5Family.COPYING_PROMPT);
            window.prompt().setMaxNewTokens(NEW_TOKENS);
            window.prompt().setGreedy(true);
        });
        robot.clickOn("#runButton");
        waitUntilFinished();
        Trace trace = window.runs().trace();
        assertTrue(trace.header().encoderDecoder());

        assertEquals(List.of(PromptView.ENCODER_CAPTION, PromptView.OUTPUT_CAPTION), captions(robot));
        assertEquals(trace.header().encoderInput().length, robot.lookup(".token.prompt-token").queryAll().size(),
                "every token the encoder read");
        String text = trace.summary().text().replace("\n", "⏎").replace("\t", "    "); // as the view writes them
        assertEquals(text, outputNodes(robot).stream().map(n -> ((Text) n).getText()).collect(Collectors.joining()),
                "the output reads as the run's text, with no decoder start token");

        for (int i = 0; i < trace.steps().size(); i++) { // the inspector shows every step of an encoder-decoder run
            int step = i;
            robot.interact(() -> window.runs().selectStep(step));
            assertEquals("Step " + i, robot.lookup("#inspectorTitle").queryAs(Label.class).getText());
            assertFalse(robot.lookup(".review-box").queryAll().isEmpty());
        }

        List<String> live = renderedTokens(robot);
        Path file = tmp.resolve("t5.jsonl");
        TraceFile.write(file, trace);
        Trace stored = TraceFile.read(file);
        robot.interact(() -> window.runs().replay(stored));
        waitUntilFinished();
        assertEquals(live, renderedTokens(robot));
        assertEquals(List.of(PromptView.ENCODER_CAPTION, PromptView.OUTPUT_CAPTION), captions(robot));
    }

    @Test
    void hoveringACopyFromTheEncoderInputLightsTheInputTokensItCameFrom(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get());
        robot.interact(() -> window.runs().replay(copying));
        waitUntilFinished();
        List<EmittedToken> emitted = copying.steps().stream().flatMap(s -> s.emitted().stream()).toList();
        int g = 0;
        while (g < emitted.size() && (emitted.get(g).origin().copy() == null
                || emitted.get(g).origin().copy().kind() != CopySource.Kind.PROMPT)) {
            g++;
        }
        assertTrue(g < emitted.size(), "the run copies from the encoder input");
        CopySource c = emitted.get(g).origin().copy();

        Node copy = outputNodes(robot).get(g);
        robot.moveTo(copy).moveBy(1, 0);
        WaitForAsyncUtils.waitForFxEvents();
        List<Node> lit = new ArrayList<>(robot.lookup(".token.copy-source").queryAll());
        assertEquals(c.matchLength() + 1, lit.size(), "the match and the copied token");
        assertTrue(lit.stream().allMatch(n -> n.getStyleClass().contains("prompt-token")), "all in the encoder input");
        List<Node> input = new ArrayList<>(robot.lookup(".token.prompt-token").queryAll());
        assertEquals(input.subList(c.index() - c.matchLength(), c.index() + 1), lit);
        assertEquals(((Text) copy).getText().strip(), ((Text) lit.get(lit.size() - 1)).getText().strip(),
                "the last lit token is the one copied");
        robot.moveTo("#runStatus");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".token.copy-source").queryAll().isEmpty(), "the highlight goes with the pointer");
    }

    private static List<String> captions(FxRobot robot) {
        return robot.lookup(".token-caption").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    /** The output's token nodes (rejected drafts left out), in order. */
    private static List<Node> outputNodes(FxRobot robot) {
        return robot.lookup(".step-group .token").queryAll().stream()
                .filter(n -> !n.getStyleClass().contains("ghost") && !n.getStyleClass().contains("ghost-untested"))
                .toList();
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
