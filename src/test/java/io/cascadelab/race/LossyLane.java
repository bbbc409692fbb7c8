package io.cascadelab.race;

import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.RunSummary;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;

import java.util.ArrayList;
import java.util.List;

/** A test-only lossy lane: a real run's trace with one emitted token replaced, as a lossy method would emit it. */
public final class LossyLane {

    private LossyLane() {
    }

    /** {@code t} with its emitted token number {@code index} replaced: what a lossy method would produce. */
    public static Trace changedAt(Trace t, int index) {
        List<StepEvent> steps = new ArrayList<>();
        int seen = 0;
        for (StepEvent s : t.steps()) {
            List<EmittedToken> emitted = new ArrayList<>(s.emitted());
            for (int j = 0; j < emitted.size(); j++, seen++) {
                if (seen == index) {
                    EmittedToken e = emitted.get(j);
                    emitted.set(j, new EmittedToken(e.token() == 0 ? 1 : 0, e.position(), e.origin(), e.verdicts()));
                }
            }
            steps.add(new StepEvent(s.step(), s.startNanos(), s.nanos(), emitted, s.ghosts(), s.reviews(), s.calls()));
        }
        int[] tokens = t.summary().tokens().clone();
        tokens[index] = tokens[index] == 0 ? 1 : 0;
        RunSummary sum = t.summary();
        return new Trace(t.header(), steps, new RunSummary(tokens, sum.text(), sum.stopReason(), sum.prefillNanos(),
                sum.decodeNanos()), t.tokens());
    }

}
