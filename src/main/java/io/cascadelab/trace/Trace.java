package io.cascadelab.trace;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A whole run: header, step events, summary. What the trace file stores and the replay reads. */
public record Trace(RunHeader header, List<StepEvent> steps, RunSummary summary) {

    public Trace {
        steps = List.copyOf(steps);
    }

    /** The run's metrics, computed from the events exactly as a live run computes them. */
    public RunMetrics metrics() {
        Map<String, ModelCost> costs = header.costs().stream()
                .collect(Collectors.toMap(ModelCost::model, Function.identity(), (a, b) -> a));
        return RunMetrics.compute(steps, summary.decodeNanos(), summary.prefillNanos(), costs, header.target());
    }
}
