package io.cascadelab.decode;

import io.cascadelab.model.LoadedModel;
import io.cascadelab.trace.ModelCost;

/**
 * One drafter level of a cascade as planned, before a run: which kind it is, how it is named, what
 * it costs, and how it makes its {@link Drafter} for a run. Each drafter kind provides its own.
 */
public interface LevelSpec {

    /** The kind of drafter. */
    DrafterKind kind();

    /** Its name before the cascade makes names unique (model folder name, "MaG", …). */
    String name();

    /** The role line the Models panel shows ("draft model", "Max-Gram + bigram", …). */
    default String role() {
        return kind().label();
    }

    /** True when the target must keep its final hidden states for this level. */
    default boolean readsTargetHidden() {
        return false;
    }

    /**
     * Refuses a placement this kind cannot run in: {@code index} among {@code count} drafter levels
     * (0 = d_1, right below the target) over {@code target}.
     */
    default void checkPlacement(LoadedModel target, int index, int count) {
        if (kind().role() == DrafterKind.Role.STATISTICAL && index != count - 1) {
            throw new IllegalArgumentException(kind().label() + " must be the smallest (last) drafter of a cascade");
        }
        if (kind().role() == DrafterKind.Role.TARGET_HEAD && index != 0) {
            throw new IllegalArgumentException("the " + kind().label() + " reads the target's hidden state: it must be the "
                    + "first drafter (d1), directly below the target");
        }
    }

    /** Makes this level's drafter for one run. */
    Drafter create(LevelContext context);

    /** Its cost on this machine (docs/ALGORITHMS.md, Metrics), measured now after {@code context} tokens; free kinds cost 0. */
    ModelCost cost(String name, int level, int context, int k, int repeats);
}
