package io.cascadelab.ui;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.Runner;
import io.cascadelab.race.LaneSpec;
import io.cascadelab.race.LossyLane;
import io.cascadelab.race.Race;
import io.cascadelab.race.RaceLane;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.ui.race.RaceController;
import io.cascadelab.ui.race.RaceWindow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The race window, headless, on the embedded family: three methods make three lanes whose final
 * figures are each method's own run; a lane that differs from AR is flagged; a saved race opens
 * and replays from the file alone.
 */
class RaceWindowTest extends WindowTest {

    private static final String PROMPT = "In the beginning God created the heaven and the earth.";

    private RaceController race;

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
        closeModelsWhenLoaded(robot);
        if (race != null) {
            robot.interact(() -> race.stage().close());
        }
    }

    private void openRace(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        robot.interact(() -> {
            window.prompt().setPrompt(PROMPT);
            window.prompt().setMaxNewTokens(24);
            window.prompt().setGreedy(true);
            window.method().select(MethodSpec.Method.CSD, 4);
        });
        robot.clickOn("Tools").clickOn("Race: every method on one prompt…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> race = RaceWindow.show(window)); // the window the menu opened
    }

    private Race runRace(FxRobot robot, List<String> lanes) throws TimeoutException {
        robot.interact(() -> race.choose(lanes));
        robot.interact(() -> race.run());
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> race.raceProperty().get() != null
                && !window.models().lockedProperty().get());
        return race.raceProperty().get();
    }

    @Test
    void threeMethodsMakeThreeLanesWithTheFiguresOfEachMethodsOwnRun(FxRobot robot) throws TimeoutException {
        openRace(robot);
        Race r = runRace(robot, List.of("AR", "SD draft-mid", "CSD A"));
        assertEquals(3, r.lanes().size());
        assertEquals("AR", r.lanes().get(0).label());
        assertEquals("SD draft-mid", r.lanes().get(1).label());
        assertTrue(r.lanes().get(2).label().startsWith("CSD A csd("), r.lanes().get(2).label());
        var family = window.models().family().family();
        var settings = window.prompt().settings();
        int[] ids = settings.encode(family.target().tokenizer());
        MethodSpec csd = window.method().spec();
        List<MethodSpec> methods = List.of(MethodSpec.ar(), LaneSpec.parse("sd:draft-mid", csd, family).get(0).method(),
                new MethodSpec(MethodSpec.Method.CSD, csd.k(), csd.lenience(), Math.max(2, csd.depth()), null, null,
                        false, csd.fastPath(), csd.policy(), csd.bottom()));
        for (int i = 0; i < 3; i++) {
            RaceLane lane = r.lanes().get(i);
            Runner.Output own = Runner.run(family, new Runner.Request(methods.get(i), settings.sampling(),
                    settings.maxNewTokens()), ids, settings.text(), List.of(), null, ev -> { }, () -> false, "cpu");
            RunMetrics a = lane.metrics(), b = own.trace().metrics();
            assertArrayEquals(own.result().tokens(), lane.tokens(), lane.label());
            assertEquals(b.steps(), a.steps(), lane.label());
            assertEquals(b.acceptedLength(), a.acceptedLength(), lane.label());
            assertEquals(b.acceptanceRate(), a.acceptanceRate(), lane.label());
        }
        robot.interact(() -> race.replay().seek(race.replay().end()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> race.laneFigures().size() == 3
                && race.laneFigures().stream().allMatch(f -> f.contains("tok/s")));
        List<String> shown = race.laneFigures();
        for (int i = 0; i < 3; i++) {
            RunMetrics m = r.lanes().get(i).metrics();
            String line = shown.get(i);
            assertTrue(line.contains(String.format(Locale.ROOT, "AL %.2f", m.acceptedLength())), line);
            assertTrue(line.contains(m.emitted() + " tokens"), line);
        }
        assertTrue(shown.get(1).contains("identical to AR") && shown.get(2).contains("identical to AR"), shown.toString());
    }

    @Test
    void aLaneThatDiffersFromArIsFlaggedAtItsFirstDifferentToken(FxRobot robot) throws TimeoutException {
        openRace(robot);
        Race r = runRace(robot, List.of("AR", "CSD A"));
        Race lossy = new Race(List.of(r.lanes().get(0), new RaceLane("lossy (test)", LossyLane.changedAt(
                r.lanes().get(1).trace(), 5))), true);
        robot.interact(() -> {
            race.show(lossy, null);
            race.replay().seek(race.replay().end());
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> race.laneFigures().get(1).contains("differs"));
        String line = race.laneFigures().get(1);
        assertTrue(line.contains("⚠ differs from AR at token 5"), line);
        assertTrue(race.laneFigures().get(0).startsWith("AR:") && !race.laneFigures().get(0).contains("differs"));
        // the lanes join the window one per frame
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".race-lane").queryAll().size() == 2);
        assertEquals(1, robot.lookup(".race-lane .first-difference").queryAll().size(), "the token is marked");
    }

    @Test
    void aSavedRaceOpensAndReplaysTheSameLanesFromTheFileAlone(FxRobot robot, @TempDir Path tmp) throws TimeoutException {
        openRace(robot);
        Race r = runRace(robot, List.of("AR", "SD draft-mid", "CSD A"));
        Path file = tmp.resolve("race.jsonl");
        robot.interact(() -> race.save(file));
        robot.interact(() -> race.raceProperty().set(null));
        robot.interact(() -> race.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> race.raceProperty().get() != null);
        Race back = race.raceProperty().get();
        assertEquals(r.lanes().stream().map(RaceLane::label).toList(), back.lanes().stream().map(RaceLane::label).toList());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(r.lanes().get(i).tokens(), back.lanes().get(i).tokens());
            assertEquals(r.figures(r.lanes().get(i)), back.figures(back.lanes().get(i)));
        }
        robot.interact(() -> race.replay().seek(race.replay().end()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> race.laneFigures().stream().allMatch(f -> f.contains("tok/s")));
    }
}
