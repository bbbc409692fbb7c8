package io.cascadelab.sim;

import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-times a simulated run by its cost model: every call takes its model's cost (Max-Gram none),
 * calls run back to back. The stand-ins themselves take microseconds, which would say nothing.
 */
final class SimulatedClock {

    private SimulatedClock() {
    }

    /** The steps with call, step and start times from {@code costs}. */
    static List<StepEvent> retime(List<StepEvent> steps, Map<String, ModelCost> costs) {
        List<StepEvent> out = new ArrayList<>(steps.size());
        long start = 0;
        for (StepEvent s : steps) {
            long t = 0;
            List<CallRecord> calls = new ArrayList<>(s.calls().size());
            for (CallRecord c : s.calls()) {
                ModelCost cost = costs.get(c.model());
                long nanos = cost == null ? 0 : Math.round(cost.nanos1());
                calls.add(new CallRecord(c.reviewId(), c.level(), c.model(), c.tokensIn(), c.drafted(), t, nanos));
                t += nanos;
            }
            out.add(new StepEvent(s.step(), start, t, s.emitted(), s.ghosts(), s.reviews(), calls));
            start += t;
        }
        return out;
    }

    /** Total simulated decoding time. */
    static long total(List<StepEvent> steps) {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).startNanos() + steps.get(steps.size() - 1).nanos();
    }
}
