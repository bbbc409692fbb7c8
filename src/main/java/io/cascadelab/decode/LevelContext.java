package io.cascadelab.decode;

import io.cascadelab.model.ModelSession;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link LevelSpec} gets to make its drafter for one run.
 *
 * @param name     the level's unique name in this cascade
 * @param level    1 for the largest drafter, increasing downwards
 * @param capacity positions of the run's context
 * @param target   the target's scorer (it keeps hidden states when a level asked for them)
 * @param below    the drafters already made below this level, largest first
 * @param sessions where a level registers the model sessions it opens, so the cascade closes them
 */
public record LevelContext(String name, int level, int capacity, ModelScorer target, List<Drafter> below,
                           Consumer<ModelSession> sessions) {

    public LevelContext {
        below = List.copyOf(below);
    }
}
