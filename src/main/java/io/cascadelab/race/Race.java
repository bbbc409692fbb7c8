package io.cascadelab.race;

import io.cascadelab.trace.RunMetrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several methods run one after another on the same prompt, settings and seed: the lanes of a race.
 *
 * @param greedy whether the lanes decoded greedily (then each must equal the AR lane token for token)
 */
public record Race(List<RaceLane> lanes, boolean greedy) {

    public Race {
        lanes = List.copyOf(lanes);
    }

    /** The plain-decoding lane, when the race has one. */
    public Optional<RaceLane> ar() {
        return lanes.stream().filter(RaceLane::isAr).findFirst();
    }

    /** When the last lane finished, on the shared clock. */
    public long end() {
        return lanes.stream().mapToLong(l -> l.timeline().end()).max().orElse(0);
    }

    /**
     * Wall-clock speedup over the AR lane: its tokens/s over AR's (with equal token counts, AR's
     * decoding time over the lane's, METRICS.md); NaN without an AR lane.
     */
    public double speedup(RaceLane lane) {
        return ar().map(a -> lane.metrics().tokensPerSecond() / a.metrics().tokensPerSecond()).orElse(Double.NaN);
    }

    /**
     * For a greedy race, the first position where {@code lane}'s output differs from the AR lane's
     * (a lane that stopped early or ran on counts as differing where the shorter ends); -1 when
     * identical, when the race sampled, or without an AR lane.
     */
    public int firstDifference(RaceLane lane) {
        Optional<RaceLane> a = ar();
        if (!greedy || a.isEmpty() || a.get() == lane) {
            return -1;
        }
        int[] x = a.get().tokens(), y = lane.tokens();
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (x[i] != y[i]) {
                return i;
            }
        }
        return x.length == y.length ? -1 : n;
    }

    /** A lane's final figures, as the lane list and the CLI print them. */
    public record Figures(String label, int tokens, int steps, double seconds, double tokensPerSecond, double speedup,
                          double acceptedLength, Map<String, Double> acceptanceRate, int firstDifference) {
    }

    /** {@code lane}'s figures. */
    public Figures figures(RaceLane lane) {
        RunMetrics m = lane.metrics();
        return new Figures(lane.label(), m.emitted(), m.steps(), m.decodeNanos() / 1e9, m.tokensPerSecond(),
                speedup(lane), m.acceptedLength(), m.acceptanceRate(), firstDifference(lane));
    }
}
