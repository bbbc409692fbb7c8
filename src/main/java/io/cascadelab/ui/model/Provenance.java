package io.cascadelab.ui.model;

import io.cascadelab.decode.DraftModelLevel;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.DrafterStyle;
import io.cascadelab.trace.TokenOrigin;

/**
 * Who produced a token, as the token view colours it: a CSS style class and the legend's words.
 * Drafted tokens take their kind's style ({@link io.cascadelab.decode.DrafterKind}); draft models
 * are coloured by cascade level (not by name), so the legend names the model.
 */
public record Provenance(String styleClass, String label) {

    /** The provenance of a token with origin {@code o}. */
    public static Provenance of(TokenOrigin o) {
        DrafterStyle s = switch (o.kind()) {
            case DRAFT -> DrafterKinds.style(o);
            case CORRECTION, BONUS -> {
                if (o.isTarget()) {
                    yield o.kind() == TokenOrigin.Kind.BONUS
                            ? new DrafterStyle("prov-bonus", "target bonus")
                            : new DrafterStyle("prov-correction", "target correction");
                }
                // a draft model's own token: it reviewed the drafts below it and added one
                yield DraftModelLevel.KIND.style(o);
            }
        };
        return new Provenance(s.styleClass(), s.label());
    }
}
