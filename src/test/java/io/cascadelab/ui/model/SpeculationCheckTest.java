package io.cascadelab.ui.model;

import io.cascadelab.sim.SimSettings;
import io.cascadelab.sim.Simulator;
import io.cascadelab.sim.StandIn;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "is speculation active?" indicator reads the run's drafted and accepted counts. */
class SpeculationCheckTest {

    private static StatsSnapshot snapshot(List<StepEvent> steps) {
        RunStatistics s = new RunStatistics("target", Map.of(), true, null);
        steps.forEach(s::add);
        return s.snapshot();
    }

    private static SpeculationCheck check(Trace t) {
        return SpeculationCheck.of(snapshot(t.steps()));
    }

    /** Steps where the target generates alone; {@code withMaG} adds a Max-Gram call that found nothing. */
    private static List<StepEvent> silentSteps(int n, boolean withMaG) {
        List<StepEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 5 + i, new int[0], List.of(), 0, 3, true, List.of());
            List<CallRecord> calls = new ArrayList<>();
            if (withMaG) {
                calls.add(new CallRecord(0, 1, "MaG", 0, 0, 0, 10));
            }
            calls.add(new CallRecord(0, 0, "target", 1, 0, 10, 1000));
            out.add(new StepEvent(i, i * 1010L, 1010, List.of(new EmittedToken(3, 5 + i,
                    TokenOrigin.reviewer(0, "target", true), List.of())), List.of(), List.of(r), calls));
        }
        return out;
    }

    @Test
    void nothingBeforeTheFirstStep() {
        assertNull(SpeculationCheck.of(snapshot(List.of())));
    }

    @Test
    void plainDecodingSaysSo() {
        assertEquals(SpeculationCheck.State.PLAIN, SpeculationCheck.of(snapshot(silentSteps(5, false))).state());
    }

    @Test
    void aDrafterThatNeverProposesIsFlaggedAfterAFewSteps() {
        assertEquals(SpeculationCheck.State.WAITING, SpeculationCheck.of(snapshot(silentSteps(2, true))).state());
        SpeculationCheck c = SpeculationCheck.of(snapshot(silentSteps(3, true)));
        assertEquals(SpeculationCheck.State.WARNING, c.state());
        assertTrue(c.text().contains("proposed nothing in 3 steps"), c.text());
    }

    @Test
    void draftsThatAreNeverAcceptedAreFlagged() {
        Trace t = Simulator.run(new SimSettings(List.of(new StandIn("MaG", new double[] {0.0}, 0)), 4, 1, 40, 3),
                s -> { }, () -> false).trace();
        SpeculationCheck c = check(t);
        assertEquals(SpeculationCheck.State.WARNING, c.state());
        assertTrue(c.text().startsWith("Speculation not paying: none of 40 tested drafts accepted"), c.text());
    }

    @Test
    void aRealRunIsActiveWithItsCounts() throws IOException {
        Trace t = ExampleTrace.load();
        var m = t.metrics();
        int drafted = m.draftedTokens().values().stream().mapToInt(Integer::intValue).sum();
        int accepted = m.acceptedTokens().values().stream().mapToInt(Integer::intValue).sum();
        SpeculationCheck c = check(t);
        assertEquals(SpeculationCheck.State.ACTIVE, c.state());
        assertEquals("Speculation active: " + drafted + " drafted, " + accepted + " accepted by the target", c.text());
    }
}
