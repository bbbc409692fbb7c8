package io.cascadelab.ui.model;

import java.util.List;

/**
 * The tokens of one target step in reading order: accepted drafts, then the drafts the target
 * rejected (ghosts, at the position they were rejected), then the target's own token.
 *
 * @param drafted number of emitted tokens that were drafted and accepted
 */
public record StepView(int step, List<TokenItem> items, int drafted) {

    public StepView {
        items = List.copyOf(items);
    }

    /** Emitted (non-ghost) tokens. */
    public long emittedCount() {
        return items.stream().filter(i -> !i.ghost()).count();
    }
}
