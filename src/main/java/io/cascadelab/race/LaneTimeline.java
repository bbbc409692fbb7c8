package io.cascadelab.race;

import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * When a lane's tokens appeared and its models ran, in nanoseconds from the start of the run
 * (prefill included, so lanes start together on the shared clock): a step's tokens appear when
 * the step ends.
 *
 * @param arrivals time each emitted token appeared, ascending
 * @param steps    time each step ended, ascending
 * @param calls    every model call (draft or verify)
 * @param end      when the lane finished
 */
public record LaneTimeline(long[] arrivals, long[] steps, List<Call> calls, long end) {

    /** One model call: a draft (level > 0, or a statistical drafter) or the target's verification. */
    public record Call(long start, long nanos, String model, boolean verify) {
    }

    static LaneTimeline of(Trace t) {
        long prefill = t.summary().prefillNanos();
        List<Long> arrive = new ArrayList<>();
        long[] steps = new long[t.steps().size()];
        List<Call> calls = new ArrayList<>();
        calls.add(new Call(0, prefill, t.header().target(), true)); // the prompt's pass through the target
        long end = prefill;
        for (int i = 0; i < steps.length; i++) {
            StepEvent s = t.steps().get(i);
            long at = prefill + s.startNanos();
            steps[i] = at + s.nanos();
            for (int k = 0; k < s.emitted().size(); k++) {
                arrive.add(steps[i]);
            }
            for (CallRecord c : s.calls()) {
                calls.add(new Call(at + c.startNanos(), c.nanos(), c.model(), c.level() == 0));
            }
            end = Math.max(end, steps[i]);
        }
        end = Math.max(end, prefill + t.summary().decodeNanos());
        return new LaneTimeline(arrive.stream().mapToLong(Long::longValue).toArray(), steps, List.copyOf(calls), end);
    }

    /** Tokens that had appeared by {@code t}. */
    public int tokensAt(long t) {
        return count(arrivals, t);
    }

    /** Steps finished by {@code t}. */
    public int stepsAt(long t) {
        return count(steps, t);
    }

    private static int count(long[] times, long t) {
        int lo = 0, hi = times.length; // first index with times[i] > t
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
