package io.cascadelab.ui.model;

import io.cascadelab.trace.TokenOrigin;

/**
 * Who produced a token, as the token view colours it: a CSS style class and the legend's words.
 * Draft models are coloured by cascade level (not by name), so the legend names the model.
 */
public record Provenance(String styleClass, String label) {

    /** Colour slots for draft levels and speculator heads; deeper ones share the last slot. */
    static final int SLOTS = 4;

    /** The provenance of a token with origin {@code o}. */
    public static Provenance of(TokenOrigin o) {
        return switch (o.kind()) {
            case MAX_GRAM -> new Provenance("prov-mag", "MaG (Max-Gram)");
            case SPECULATOR -> new Provenance("prov-head-" + Math.min(Math.max(o.head(), 0), SLOTS - 1),
                    o.source() + " head " + (o.head() + 1));
            case CORRECTION, BONUS -> {
                if (o.isTarget()) {
                    yield o.kind() == TokenOrigin.Kind.BONUS
                            ? new Provenance("prov-bonus", "target bonus")
                            : new Provenance("prov-correction", "target correction");
                }
                // a draft model's own token: it reviewed the drafts below it and added one
                yield new Provenance("prov-draft-" + Math.min(o.level(), SLOTS), o.source() + " (draft level " + o.level() + ")");
            }
        };
    }
}
