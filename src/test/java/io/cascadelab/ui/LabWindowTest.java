package io.cascadelab.ui;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.tune.CellResult;
import io.cascadelab.tune.SweepResult;
import io.cascadelab.ui.lab.LabController;
import io.cascadelab.ui.lab.LabWindow;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuning lab, headless, on the embedded family (or the fixture family before it is trained):
 * a 3×3 sweep shows nine cells, a click loads a cell into the explorer, cancel keeps finished
 * cells, bad input is a dialog.
 */
class LabWindowTest extends WindowTest {

    private static final String PROMPT = "In the beginning God created the heaven and the earth.";

    private LabController lab;

    @BeforeAll
    static void useAFamily() throws IOException {
        ExplorerHome.use();
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @AfterEach
    void closeModels(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && (lab == null || !lab.runningProperty().get()));
        robot.interact(() -> {
            if (lab != null) {
                lab.stage().close();
            }
            if (window.models().family() != null) {
                window.models().family().close();
            }
        });
    }

    /** Opens the lab from the Tools menu once the family is loaded; short greedy runs of one prompt. */
    private void openLab(FxRobot robot, String rows, String cols) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        robot.interact(() -> {
            window.prompt().setPrompt(PROMPT);
            window.prompt().setMaxNewTokens(8);
            window.prompt().setGreedy(true);
            window.method().select(MethodSpec.Method.CSD, 4);
        });
        robot.clickOn("Tools").clickOn("Tuning lab…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            lab = LabWindow.show(window); // the lab the menu opened
            lab.setGrid(rows, cols);
            lab.setRuns(0, 1);
        });
    }

    private List<Node> measuredCells(FxRobot robot) {
        return robot.lookup(".heat-cell").match((Node n) -> !n.getStyleClass().contains("heat-empty")).queryAll()
                .stream().toList();
    }

    @Test
    void a3x3SweepShowsNineCellsAndAClickLoadsOneIntoTheExplorer(FxRobot robot) throws TimeoutException {
        openLab(robot, "k=2,3,4", "lenience=1,2,3");
        robot.clickOn("#sweepButton");
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> !lab.runningProperty().get()
                && lab.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        SweepResult r = lab.resultProperty().get();
        assertFalse(r.cancelled());
        assertEquals(9, r.cells().size());
        assertEquals(9, measuredCells(robot).size());
        assertEquals(1, robot.lookup(".heat-best").queryAll().size(), "exactly one best cell is marked");
        Label cell = robot.lookup("#heat-2-1").queryAs(Label.class);
        String tip = cell.getTooltip().getText();
        assertTrue(tip.contains("expected speedup") && tip.contains("AL") && tip.contains("SWI-measured"), tip);

        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        MethodSpec loaded = window.method().spec();
        CellResult expected = r.cell(2, 1).orElseThrow();
        assertEquals(4, loaded.k());
        assertEquals(2.0, loaded.lenience(), 0);
        assertEquals(expected.config().toSpec().label(), loaded.label());
    }

    @Test
    void aKPolicyIsSelectableInTheExplorerAndLoadsFromACell(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        MethodSpec heuristic = new MethodSpec(MethodSpec.Method.CSD, 5, 1.5, 2, null, null, false,
                io.cascadelab.decode.CopyFastPath.DEFAULT, new io.cascadelab.decode.KPolicy.Heuristic());
        robot.interact(() -> window.method().apply(heuristic));
        MethodSpec spec = window.method().spec();
        assertEquals(heuristic.label(), spec.label());
        assertTrue(spec.policy() instanceof io.cascadelab.decode.KPolicy.Heuristic);
        robot.interact(() -> window.method().apply(spec.withPolicy(io.cascadelab.decode.KPolicy.STATIC)));
        assertEquals(io.cascadelab.decode.KPolicy.STATIC, window.method().spec().policy());
    }

    @Test
    void theMaxGramFastPathIsAControlOfTheCascade(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        MethodSpec csd = new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 3, null, null);
        robot.interact(() -> window.method().apply(csd.withFastPath(io.cascadelab.decode.CopyFastPath.OFF)));
        javafx.scene.control.CheckBox box = robot.lookup("#fastPathCheck").queryAs(javafx.scene.control.CheckBox.class);
        assertTrue(!box.isSelected() && !box.isDisabled());
        assertEquals(io.cascadelab.decode.CopyFastPath.OFF, window.method().spec().fastPath());
        robot.interact(() -> box.setSelected(true));
        assertEquals(io.cascadelab.decode.CopyFastPath.DEFAULT, window.method().spec().fastPath());
        // plain decoding has no cascade to skip
        robot.interact(() -> window.method().select(MethodSpec.Method.AR, 6));
        assertTrue(box.isDisabled());
    }

    @Test
    void cancelKeepsTheFinishedCells(FxRobot robot) throws TimeoutException {
        openLab(robot, "k=2,3,4", "depth=2,3");
        robot.interact(lab::run);
        // cancel once the first grid cell is in
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> lab.resultProperty().get() != null
                && !lab.resultProperty().get().cells().isEmpty());
        robot.interact(lab::cancel);
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> !lab.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        SweepResult r = lab.resultProperty().get();
        assertNotNull(r);
        assertTrue(r.cancelled());
        assertTrue(r.cells().size() >= 1 && r.cells().size() < 6, "cells kept: " + r.cells().size());
        assertEquals(r.cells().size(), measuredCells(robot).size());
    }

    @Test
    void aBadGridAndABadFileAreDialogsAndTheLabKeepsWorking(FxRobot robot, @TempDir Path dir) throws Exception {
        openLab(robot, "k=2,x", "lenience=1");
        robot.clickOn("#sweepButton");
        DialogPane dialog = ErrorDialogs.waitFor(robot);
        assertTrue(dialog.getContentText().contains("grid value 'x' of k is not a whole number"), dialog.getContentText());
        ErrorDialogs.dismiss(robot, dialog);

        Path bad = Files.writeString(dir.resolve("broken.csv"), "not a sweep\n");
        robot.interact(() -> lab.open(bad));
        dialog = ErrorDialogs.waitFor(robot);
        assertTrue(dialog.getContentText().contains("broken.csv"), dialog.getContentText());
        ErrorDialogs.dismiss(robot, dialog);

        robot.interact(() -> lab.usePromptFolder(dir.resolve("nowhere")));
        dialog = ErrorDialogs.waitFor(robot);
        assertTrue(dialog.getHeaderText().contains("nowhere"), dialog.getHeaderText());
        ErrorDialogs.dismiss(robot, dialog);
        assertFalse(lab.runningProperty().get());
    }
}
