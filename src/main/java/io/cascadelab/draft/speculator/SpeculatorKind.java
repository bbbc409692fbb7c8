package io.cascadelab.draft.speculator;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterStyle;
import io.cascadelab.decode.LevelSpec;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.HeadTopK;
import io.cascadelab.trace.TokenOrigin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** IBM's MLP speculator: heads reading the target's last hidden state, one token per head. */
public final class SpeculatorKind implements DrafterKind {

    /** Its id. */
    public static final String ID = "spec";

    static final SpeculatorKind INSTANCE = new SpeculatorKind();

    /** Colour slots for heads; later heads share the last slot. */
    private static final String[] HEAD_COLOURS = {"#7be08a", "#b8e05c", "#e0d45c", "#e0a35c"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "MLP speculator";
    }

    @Override
    public Role role() {
        return Role.TARGET_HEAD;
    }

    @Override
    public String help() {
        return "the family's MLP speculator (speculator/ folder or --speculator): heads that read the target's last hidden state";
    }

    @Override
    public DrafterStyle style(TokenOrigin o) {
        return new DrafterStyle(styleClass(Math.min(Math.max(o.head(), 0), HEAD_COLOURS.length - 1)),
                o.source() + " head " + (o.head() + 1));
    }

    private static String styleClass(int slot) {
        return "prov-head-" + slot;
    }

    @Override
    public Map<String, String> colours() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < HEAD_COLOURS.length; i++) {
            out.put(styleClass(i), HEAD_COLOURS[i]);
        }
        return out;
    }

    @Override
    public String why(TokenOrigin first) {
        return "from the target's last hidden state, one head per position";
    }

    @Override
    public String detail(TokenOrigin o) {
        HeadTopK top = o.topK();
        if (top == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("Head ").append(top.head() + 1).append(" top:");
        int[] t = top.tokens();
        float[] p = top.probabilities();
        for (int i = 0; i < Math.min(4, t.length); i++) {
            b.append(String.format(Locale.ROOT, " %d (%.2f)", t[i], p[i]));
        }
        return b.toString();
    }

    @Override
    public boolean availableIn(ModelFamily family) {
        return family.speculator() != null;
    }

    /**
     * Thresholds are cumulative: the speculator's segment wants K[0][0] tokens but stops after its
     * heads; the next segment (Max-Gram) fills up to the row total (k).
     */
    @Override
    public LevelSpec level(ModelFamily family, MethodSpec method) {
        if (family.speculator() == null) {
            throw new IllegalArgumentException("method spec needs an MLP speculator: pass --speculator DIR "
                    + "(a Hugging Face mlp_speculator folder) or put one in the family folder as speculator/");
        }
        int heads = Math.min(Math.max(1, method.kMatrix().get(0, 0)), family.speculator().config().nPredict());
        return new SpeculatorSpec(family.speculator(), heads, method.specTree());
    }
}
