package io.cascadelab.draft.suffix;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.LevelContext;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.trace.ModelCost;

/**
 * The suffix drafter's level over one target's session history.
 *
 * @param history the target's earlier runs
 * @param depth   longest match plus continuation the tries keep
 */
record SuffixSpec(SuffixHistory history, int depth, CopyFastPath fastPath) implements LevelSpec {

    @Override
    public DrafterKind kind() {
        return SuffixKind.INSTANCE;
    }

    @Override
    public String name() {
        return "Suffix";
    }

    @Override
    public Drafter create(LevelContext c) {
        return new SuffixLevel(c.name(), c.level(), fastPath, history, depth);
    }

    @Override
    public ModelCost cost(String name, int level, int context, int k, int repeats) {
        return ModelCost.free(name, level);
    }
}
