package io.cascadelab.draft.maxgram;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.LevelContext;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.trace.ModelCost;

/** The Max-Gram level, with its fast path to the target (used when draft models sit above it). */
public record MaxGramSpec(MaxGramDrafter maxGram, CopyFastPath fastPath) implements LevelSpec {

    /** Max-Gram without a fast path. */
    public MaxGramSpec(MaxGramDrafter maxGram) {
        this(maxGram, CopyFastPath.OFF);
    }

    @Override
    public DrafterKind kind() {
        return MaxGramKind.INSTANCE;
    }

    @Override
    public String name() {
        return "MaG";
    }

    @Override
    public String role() {
        return maxGram.bigram() != null ? "Max-Gram + bigram" : "Max-Gram";
    }

    @Override
    public Drafter create(LevelContext c) {
        return new MaxGramLevel(maxGram, c.name(), c.level(), fastPath);
    }

    @Override
    public ModelCost cost(String name, int level, int context, int k, int repeats) {
        return ModelCost.free(name, level);
    }
}
