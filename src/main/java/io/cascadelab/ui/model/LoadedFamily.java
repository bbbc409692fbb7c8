package io.cascadelab.ui.model;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.trace.ModelCost;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A loaded model family with what the UI shows about it: its levels and their measured costs.
 *
 * @param source the folder it was opened from (a family folder or a target model folder)
 */
public record LoadedFamily(ModelFamily family, Path source, List<LevelInfo> levels, List<ModelCost> costs)
        implements AutoCloseable {

    public LoadedFamily {
        levels = List.copyOf(levels);
        costs = List.copyOf(costs);
    }

    /** Costs by model name, as {@link io.cascadelab.trace.RunMetrics} wants them. */
    public Map<String, ModelCost> costsByName() {
        return costs.stream().collect(Collectors.toMap(ModelCost::model, Function.identity(), (a, b) -> a));
    }

    /** The target's name. */
    public String targetName() {
        return family.target().name();
    }

    @Override
    public void close() {
        family.close();
    }
}
