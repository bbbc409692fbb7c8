package io.cascadelab.race;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.TinyFamily;
import io.cascadelab.trace.RunMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A race's lanes are each method's own run; its file replays them; a lane that differs from AR is found. */
class RaceTest {

    static final int[] PROMPT = {34, 38, 37, 7, 39, 33}; // 40 greedy tokens before EOS
    static final MethodSpec CSD = new MethodSpec(MethodSpec.Method.CSD, 4, 2, 2, null, null);
    static ModelFamily family;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        family = TinyFamily.family();
    }

    @AfterAll
    static void close() {
        family.close();
    }

    private static Race race(String methods, SamplingSettings sampling) {
        return RaceRunner.run(family, LaneSpec.parse(methods, CSD, family), PROMPT, "", sampling, 40, List.of(),
                (i, of, label, tokens) -> { }, () -> false, "cpu");
    }

    @Test
    void eachLaneHasTheFiguresOfItsMethodsOwnRunAndGreedyLanesEqualAr() {
        List<LaneSpec> specs = LaneSpec.parse("ar,sd:d1,csd,csd:k=6/l=3/d=1", CSD, family);
        Race race = race("ar,sd:d1,csd,csd:k=6/l=3/d=1", SamplingSettings.GREEDY);
        assertEquals(List.of("AR", "SD d1", "CSD", "CSD k=6/l=3/d=1"), race.lanes().stream().map(RaceLane::label).toList());
        for (int i = 0; i < specs.size(); i++) {
            RaceLane lane = race.lanes().get(i);
            MethodSpec m = specs.get(i).method();
            Runner.Output own = Runner.run(family, new Runner.Request(m, SamplingSettings.GREEDY, 40), PROMPT, "", List.of(),
                    null, ev -> { }, () -> false, "cpu");
            RunMetrics a = lane.metrics(), b = own.trace().metrics();
            assertArrayEquals(own.result().tokens(), lane.tokens(), lane.label());
            assertEquals(b.steps(), a.steps(), lane.label() + " steps");
            assertEquals(b.acceptedLength(), a.acceptedLength(), lane.label() + " AL");
            assertEquals(b.acceptanceRate(), a.acceptanceRate(), lane.label() + " AR");
            assertEquals(-1, race.firstDifference(lane), lane.label() + " is lossless");
        }
        assertEquals(1.0, race.speedup(race.ar().orElseThrow()), 1e-12);
        assertTrue(race.lanes().get(2).metrics().acceptedLength() > 1, "the cascade accepted drafts");
    }

    @Test
    void aLaneWhoseOutputDiffersFromArIsFoundAtItsFirstDifferentToken() {
        Race race = race("ar,csd", SamplingSettings.GREEDY);
        RaceLane csd = race.lanes().get(1);
        Race lossy = new Race(List.of(race.lanes().get(0), new RaceLane("lossy", LossyLane.changedAt(csd.trace(), 7))), true);
        assertEquals(7, lossy.firstDifference(lossy.lanes().get(1)));
        assertEquals(-1, new Race(race.lanes(), false).firstDifference(csd), "sampled races are not compared");
    }

    @Test
    void aRaceFileReplaysTheSameLanes() throws IOException {
        Race race = race("ar,sd:d2,csd", new SamplingSettings(false, 0.8, 0, 1.0, 7));
        Path f = tmp.resolve("race.jsonl");
        RaceFile.write(f, race);
        Race back = RaceFile.read(f);
        assertEquals(race.greedy(), back.greedy());
        assertEquals(race.lanes().size(), back.lanes().size());
        for (int i = 0; i < race.lanes().size(); i++) {
            RaceLane a = race.lanes().get(i), b = back.lanes().get(i);
            assertEquals(a.label(), b.label());
            assertArrayEquals(a.tokens(), b.tokens());
            assertEquals(a.metrics().steps(), b.metrics().steps());
            assertEquals(a.metrics().tokensPerSecond(), b.metrics().tokensPerSecond());
            assertArrayEquals(a.timeline().arrivals(), b.timeline().arrivals());
        }
        assertEquals(race.end(), back.end());
    }

    @Test
    void theSharedClockShowsEachLanesTokensWhenItsStepEnded() {
        Race race = race("ar,csd", SamplingSettings.GREEDY);
        for (RaceLane lane : race.lanes()) {
            LaneTimeline t = lane.timeline();
            assertEquals(0, t.tokensAt(0));
            assertEquals(lane.tokens().length, t.tokensAt(t.end()));
            assertEquals(lane.metrics().steps(), t.stepsAt(t.end()));
            long mid = t.arrivals()[t.arrivals().length / 2];
            assertTrue(t.tokensAt(mid) > t.tokensAt(mid - 1), "a step's tokens appear at its end");
            assertTrue(t.calls().stream().anyMatch(LaneTimeline.Call::verify));
            assertTrue(t.arrivals()[0] >= lane.trace().summary().prefillNanos(), "after the prompt's pass");
        }
        assertTrue(race.lanes().get(1).timeline().calls().stream().anyMatch(c -> !c.verify()), "the cascade drafted");
    }

    @Test
    void badMethodListsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSpec.parse("ar,beam", CSD, family))
                .getMessage().contains("unknown race method 'beam'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSpec.parse("ar,ar", CSD, family))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSpec.parse("sd:nosuch", CSD, family))
                .getMessage().contains("race method 'sd:nosuch'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSpec.parse("csd:k=x", CSD, family))
                .getMessage().contains("'x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSpec.parse("spec", CSD, family))
                .getMessage().contains("race method 'spec'"), "the tiny family has no speculator");
    }

    @Test
    void aFileThatIsNotARaceIsRefusedNamingIt() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.jsonl"), "{\"type\":\"header\"}\n");
        IOException e = assertThrows(IOException.class, () -> RaceFile.read(f));
        assertTrue(e.getMessage().contains("x.jsonl line 1 is not a race header"), e.getMessage());
    }
}
