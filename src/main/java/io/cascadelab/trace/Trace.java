package io.cascadelab.trace;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole run: header, step events, summary, and the text of its tokens. What the trace file
 * stores and the replay reads.
 *
 * @param tokens the text of every token the run mentions (EMPTY when unknown)
 */
public record Trace(RunHeader header, List<StepEvent> steps, RunSummary summary, TokenTable tokens) {

    public Trace {
        steps = List.copyOf(steps);
        tokens = tokens == null ? TokenTable.EMPTY : tokens;
    }

    /** A trace without token texts. */
    public Trace(RunHeader header, List<StepEvent> steps, RunSummary summary) {
        this(header, steps, summary, TokenTable.EMPTY);
    }

    /** The run's metrics, computed from the events exactly as a live run computes them. */
    public RunMetrics metrics() {
        Map<String, ModelCost> costs = header.costs().stream()
                .collect(Collectors.toMap(ModelCost::model, Function.identity(), (a, b) -> a));
        return RunMetrics.compute(steps, summary.decodeNanos(), summary.prefillNanos(), costs, header.target());
    }
}
