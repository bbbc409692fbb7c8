package io.cascadelab.draft.maxgram;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterStyle;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.trace.TokenOrigin;

import java.util.Map;

/** Max-Gram, the paper's statistical drafter: copies after the longest suffix match, else a bigram guess. */
public final class MaxGramKind implements DrafterKind {

    /** Its id. */
    public static final String ID = "mag";

    /** The one instance (the registry makes its own; both are stateless). */
    static final MaxGramKind INSTANCE = new MaxGramKind();

    private static final String STYLE = "prov-mag";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Max-Gram";
    }

    @Override
    public Role role() {
        return Role.STATISTICAL;
    }

    @Override
    public String help() {
        return "copies what followed the longest earlier match of the last tokens (prompt or output), "
                + "else the family's bigram guess; free, no model runs";
    }

    @Override
    public DrafterStyle style(TokenOrigin origin) {
        return new DrafterStyle(STYLE, "MaG (Max-Gram)");
    }

    @Override
    public Map<String, String> colours() {
        return Map.of(STYLE, "#f2b84b");
    }

    @Override
    public String why(TokenOrigin first) {
        CopySource c = first.copy();
        if (c == null || c.kind() == CopySource.Kind.BIGRAM) {
            return "no earlier match, so it guesses from its bigram table, the most likely token after the previous one; free, no model runs";
        }
        return "it copies what followed the longest earlier match of the last "
                + (c.matchLength() == 1 ? "token" : c.matchLength() + " tokens") + " in the "
                + (c.kind() == CopySource.Kind.PROMPT ? "prompt" : "text so far") + "; free, no model runs";
    }

    @Override
    public String detail(TokenOrigin origin) {
        return origin.copy() == null ? CopySource.bigram().describe() : origin.copy().describe();
    }

    @Override
    public LevelSpec level(ModelFamily family, MethodSpec method) {
        return new MaxGramSpec(new MaxGramDrafter(family.bigram()), method.fastPath());
    }
}
