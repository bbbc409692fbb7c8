package io.cascadelab.draft.suffix;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterStyle;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.TokenOrigin;

import java.util.Map;

/** The suffix drafter: the most frequent continuation of the longest earlier match, in this run or earlier ones. */
public final class SuffixKind implements DrafterKind {

    /** Its id. */
    public static final String ID = "suffix";

    static final SuffixKind INSTANCE = new SuffixKind();

    /** Longest match plus continuation kept by its tries. */
    static final int DEPTH = 16;

    private static final String STYLE = "prov-suffix";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Suffix";
    }

    @Override
    public Role role() {
        return Role.STATISTICAL;
    }

    @Override
    public String help() {
        return "proposes what most often followed the longest earlier match of the last tokens, in the prompt, "
                + "this run's output and the session's earlier runs; free, no model runs";
    }

    @Override
    public DrafterStyle style(TokenOrigin origin) {
        return new DrafterStyle(STYLE, "Suffix (suffix drafter)");
    }

    @Override
    public Map<String, String> colours() {
        return Map.of(STYLE, "#22d3ee"); // cyan: apart from Max-Gram's amber and the draft levels' blue and lavender
    }

    @Override
    public String why(TokenOrigin first) {
        CopySource c = first.copy();
        if (c == null) {
            return "";
        }
        String where = switch (c.kind()) {
            case PROMPT -> "the prompt";
            case GENERATED -> "the text so far";
            default -> "an earlier run";
        };
        return "it continues the last " + (c.matchLength() == 1 ? "token" : c.matchLength() + " tokens")
                + " as they most often went on in " + where + " (" + c.count() + (c.count() == 1 ? " time" : " times")
                + "); free, no model runs";
    }

    @Override
    public String detail(TokenOrigin origin) {
        return origin.copy() == null ? "" : origin.copy().describe();
    }

    @Override
    public void forgetRuns(ModelFamily family) {
        SuffixHistory.forget(family.target());
    }

    @Override
    public LevelSpec level(ModelFamily family, MethodSpec method) {
        return new SuffixSpec(SuffixHistory.of(family.target(), DEPTH), DEPTH, method.fastPath());
    }
}
