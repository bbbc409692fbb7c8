package io.cascadelab.ui;

import io.cascadelab.ui.model.RunStates;
import io.cascadelab.teach.Phase;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import io.cascadelab.ui.teach.GuidePanel;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teaching features in the real window, headless, with no model loaded (an empty home). */
class TeachWindowTest extends WindowTest {


    @TempDir
    Path dir;

    @BeforeAll
    static void noModels() throws IOException {
        ExplorerHome.useEmpty();
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theExampleTraceStepsThroughWithNoModelLoaded(FxRobot robot) throws Exception {
        assertNull(window.models().family(), "no model is loaded");
        robot.clickOn("File").clickOn("Replay the example trace (no model needed)");
        waitFor(() -> window.runs().stepCount() == 1);
        assertEquals(RunStates.State.PAUSED, window.runs().stateProperty().get(), "a replay starts paused");

        robot.clickOn("#stepButton");
        waitFor(() -> window.runs().stepCount() == 2);
        waitFor(() -> window.inspector().shownStep() == 1); // Step mode explains the step just taken
        assertTrue(window.inspector().guide() != null && !window.inspector().guide().phases().isEmpty());
        robot.clickOn("#stepButton");
        waitFor(() -> window.runs().stepCount() == 3);
        List<String> texts = robot.lookup(".token").queryAllAs(Text.class).stream().map(Text::getText).toList();
        assertTrue(String.join("", texts).contains("Let there be light"), "the prompt's words come from the trace: " + texts);
        assertTrue(texts.stream().noneMatch(t -> t.contains("⟨")), "no token shown as a bare id: " + texts);

        robot.interact(() -> window.runs().selectStep(1));
        GuidePanel guide = window.inspector().guide();
        robot.clickOn("#guideShowAll");
        List<Phase> phases = guide.phases();
        long shown = robot.lookup(".guide-phase").queryAll().stream().filter(Node::isVisible).count();
        assertEquals(phases.size(), shown, "every phase of the step is explained");
        assertTrue(phases.stream().anyMatch(p -> p.kind() == Phase.Kind.VERIFY));

        robot.clickOn("#previousStep");
        assertEquals(0, window.inspector().shownStep(), "back to the first step");
        robot.clickOn("#nextStep");
        assertEquals(1, window.inspector().shownStep(), "and forward again");

        robot.clickOn("#pauseButton"); // Resume: the rest of the trace plays as a run would
        waitFor(() -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        Trace example = ExampleTrace.load();
        assertEquals(example.steps().size(), window.runs().stepCount());
        assertEquals(example.metrics().acceptedLength(), window.runs().statistics().metrics().acceptedLength(), 1e-12);
        Label indicator = robot.lookup("#speculationLabel").queryAs(Label.class);
        assertTrue(indicator.isVisible() && indicator.getText().startsWith("Speculation active"), indicator.getText());
    }

    @Test
    void aFileThatIsNotATraceGetsADialogNamingItAndTheWindowCarriesOn(FxRobot robot) throws Exception {
        Path bad = Files.write(dir.resolve("notes.jsonl"), "this is not json\n".getBytes());
        robot.interact(() -> window.replayFile(bad));
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(alert.getHeaderText().contains("notes.jsonl"), alert.getHeaderText());
        assertTrue(alert.getContentText().contains(bad + " line 1"), alert.getContentText());
        assertFalse(alert.getContentText().contains("\tat "), "no stack trace");
        robot.clickOn("OK");
        assertEquals(RunStates.State.IDLE, window.runs().stateProperty().get());
    }

    @Test
    void aDamagedTraceNamesTheLineAndFieldAndACutOffOneReplaysItsCompleteSteps(FxRobot robot) throws Exception {
        Path good = dir.resolve("example.jsonl");
        TraceFile.write(good, ExampleTrace.load());
        List<String> lines = Files.readAllLines(good);
        // the header without its prompt ids
        com.google.gson.JsonObject header = com.google.gson.JsonParser.parseString(lines.get(0)).getAsJsonObject();
        header.remove("promptIds");
        List<String> damaged = new java.util.ArrayList<>(lines);
        damaged.set(0, header.toString());
        Path noField = Files.write(dir.resolve("no-field.jsonl"), damaged);
        robot.interact(() -> window.replayFile(noField));
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(alert.getContentText().contains("line 1: the header record lacks promptIds"), alert.getContentText());
        assertFalse(alert.getContentText().contains("Failed to invoke") || alert.getContentText().contains("clone()"),
                alert.getContentText());
        robot.clickOn("OK");

        // a run cut off while writing its fifth step line
        List<String> cut = new java.util.ArrayList<>(lines.subList(0, 6));
        cut.add(lines.get(6).substring(0, lines.get(6).length() / 2));
        Path truncated = Files.write(dir.resolve("cut.jsonl"), cut);
        int complete = 6 - 2; // header, tokens, then four complete steps
        robot.interact(() -> window.replayFile(truncated));
        waitFor(() -> window.runs().stateProperty().get() == RunStates.State.FINISHED);
        assertEquals(complete, window.runs().stepCount());
        waitFor(() -> robot.lookup((Node n) -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().contains("cut.jsonl: the last line was cut off")).tryQuery().isPresent());
    }

    @Test
    void theSimulatorRunsWithoutModelsAndItsRunCanBeWatched(FxRobot robot) throws Exception {
        robot.clickOn("Teach").clickOn("Simulator (no models)…");
        waitFor(() -> robot.lookup("#simFigure1").tryQuery().isPresent());
        String al = robot.lookup("#simFigure1").queryAs(Label.class).getText();
        assertTrue(Double.parseDouble(al) > 1.0, "simulated AL " + al);
        robot.clickOn("#simWatch");
        waitFor(() -> window.runs().stepCount() >= 1);
        assertTrue(window.runs().methodLabel().contains("sim"), window.runs().methodLabel());
    }

    @Test
    void theDoctorNamesTheFirstDifferingToken(FxRobot robot) throws Exception {
        Path fixture = Path.of("src/test/resources/fixtures/llama-gqa-rope3").toAbsolutePath();
        Path swapped = Files.createDirectories(dir.resolve("swapped"));
        Files.copy(fixture.resolve("config.json"), swapped.resolve("config.json"));
        String tok = Files.readString(fixture.resolve("tokenizer.json"))
                .replace("\"Ġe\": 300", "\"Ġe\": 301").replaceFirst("\"Ġg\": 301", "\"Ġg\": 300");
        Files.writeString(swapped.resolve("tokenizer.json"), tok);
        robot.clickOn("Teach").clickOn("Compatibility doctor…");
        waitFor(() -> robot.lookup("#doctorTarget").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#doctorTarget").queryAs(TextField.class).setText(fixture.toString());
            robot.lookup("#doctorDrafter").queryAs(javafx.scene.control.ComboBox.class).getEditor().setText(swapped.toString());
            robot.lookup("#doctorProbe").queryAs(Spinner.class).getValueFactory().setValue(0);
        });
        robot.clickOn("#doctorCheck");
        waitFor(() -> robot.lookup(".doctor-verdict").tryQuery().isPresent());
        assertTrue(robot.lookup(".doctor-verdict").queryAs(Label.class).getText().endsWith("cannot run together"));
        assertTrue(robot.lookup((Label l) -> l.getText().startsWith("first difference at id 300: 'Ġe'")).tryQuery().isPresent(),
                "the first differing token is named");
    }
}
