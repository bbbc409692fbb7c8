package io.cascadelab.ui;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.PaperPreset;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.RunStates;
import io.cascadelab.util.AppPaths;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window switches between the two embedded families from the Models panel's home menu, and
 * runs the paper's FLAN-T5 preset on the encoder-decoder one, greedy-identical to plain decoding.
 */
class EmbeddedFamiliesWindowTest extends WindowTest {

    private static final String VERSE = "The LORD is my shepherd; I shall not want.";

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @AfterEach
    void closeModels(FxRobot robot) throws TimeoutException {
        resetAndCloseModels(robot);
    }

    /** Picks {@code item} in the Models panel's home menu and waits until {@code folder} is the loaded family. */
    private void loadFromHomeMenu(FxRobot robot, String item, String folder) throws TimeoutException {
        robot.clickOn("#embeddedButton");
        robot.clickOn(item);
        String name = java.nio.file.Path.of(folder).getFileName().toString();
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && window.models().family() != null && window.models().family().source().endsWith(name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theSeq2SeqFamilyLoadsFromTheHomeMenuAndRunsThePapersPresetLosslessly(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null
                && !window.models().loadingProperty().get());
        assertNull(window.models().family().family().target().config().encoder(), "kjv at start: decoder-only");

        loadFromHomeMenu(robot, "kjv-t5 — encoder-decoder (T5): writes the verse after the input",
                AppPaths.EMBEDDED_SEQ2SEQ_FAMILY);
        var family = window.models().family().family();
        assertNotNull(family.target().config().encoder(), "kjv-t5: an encoder-decoder");
        assertEquals(2, family.drafts().size());

        @SuppressWarnings("unchecked")
        ChoiceBox<PaperPreset> presets = robot.lookup("#presetChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> {
            presets.setValue(PaperPreset.FLAN_T5);
            robot.lookup("#presetButton").queryAs(Button.class).fire();
            window.prompt().setPrompt(VERSE);
            window.prompt().setMaxNewTokens(48);
            window.prompt().setGreedy(true);
        });
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        Trace trace = window.runs().trace();
        assertTrue(trace.header().encoderDecoder());
        assertEquals(Arrays.deepToString(PaperPreset.FLAN_T5.kMatrix().toIncrements()),
                Arrays.deepToString(trace.header().kMatrix()));
        assertEquals(PaperPreset.FLAN_T5.lenience(), trace.header().lenience());
        assertEquals(List.of(PromptView.ENCODER_CAPTION, PromptView.OUTPUT_CAPTION),
                robot.lookup(".token-caption").queryAllAs(Label.class).stream().map(Label::getText).toList());
        int[] plain = Runner.run(family, new Runner.Request(MethodSpec.ar(), SamplingSettings.GREEDY, 48),
                family.target().tokenizer().encode(VERSE), VERSE, List.of(), null, e -> { }, () -> false, "cpu")
                .result().tokens();
        assertArrayEquals(plain, trace.summary().tokens(), "the preset's output is the target's own greedy output");

        robot.interact(() -> window.runs().reset());
        loadFromHomeMenu(robot, "kjv — decoder-only (Llama): continues the prompt", AppPaths.EMBEDDED_FAMILY);
        assertNull(window.models().family().family().target().config().encoder(), "back on kjv");
    }
}
