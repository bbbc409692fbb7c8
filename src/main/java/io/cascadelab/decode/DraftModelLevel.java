package io.cascadelab.decode;

import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;
import io.cascadelab.trace.ModelCost;

/** A draft model level: a {@link ReviewLevel} with its own session, reviewing the drafters below it. */
public record DraftModelLevel(LoadedModel model) implements LevelSpec {

    /** The draft-model kind (built into the engine: a draft model is a reviewer). */
    public static final DrafterKind KIND = new DraftModelKind();

    @Override
    public DrafterKind kind() {
        return KIND;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public Drafter create(LevelContext c) {
        ModelSession s = model.newSession(c.capacity());
        c.sessions().accept(s);
        return new ReviewLevel(c.name(), c.level(), new ModelScorer(s), c.below());
    }

    @Override
    public ModelCost cost(String name, int level, int context, int k, int repeats) {
        return CostProbe.measure(model, name, level, context, k, repeats);
    }
}
