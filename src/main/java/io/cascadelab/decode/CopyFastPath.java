package io.cascadelab.decode;

import java.util.Locale;

/**
 * Max-Gram's fast path in a cascade: when Max-Gram continues a copy backed by a suffix match of at
 * least {@code minMatch} tokens, the target reviews that copy directly (up to {@code maxTokens}
 * tokens) and the draft models sit the step out. Repeated text is where Max-Gram is nearly always
 * right and free, while a draft model's review of it still costs its forwards; elsewhere the
 * cascade runs as usual. Only drafts change, so the output stays exactly the target's.
 *
 * @param minMatch  shortest suffix match that counts as a confident copy (0 = fast path off)
 * @param maxTokens most copied tokens sent to the target in one step
 */
public record CopyFastPath(int minMatch, int maxTokens) {

    /** No fast path: every draft goes through the cascade. */
    public static final CopyFastPath OFF = new CopyFastPath(0, 0);

    /** The default: copies backed by 2+ matching tokens, up to 12 tokens per step (measured in MODEL_CARD). */
    public static final CopyFastPath DEFAULT = new CopyFastPath(2, 12);

    public CopyFastPath {
        if (minMatch < 0 || maxTokens < 0 || (minMatch > 0) != (maxTokens > 0)) {
            throw new IllegalArgumentException("Max-Gram fast path " + minMatch + ":" + maxTokens
                    + " is invalid: give MIN:MAX with both at least 1 (e.g. 2:12), or 'off'");
        }
    }

    /** Whether the fast path is on. */
    public boolean enabled() {
        return minMatch > 0;
    }

    /** Parses "off" or "MIN:MAX", e.g. "2:12". */
    public static CopyFastPath parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("0")) {
            return OFF;
        }
        String[] parts = t.split(":");
        try {
            if (parts.length == 2) {
                return new CopyFastPath(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Max-Gram fast path '" + text + "' is not 'off' or MIN:MAX (e.g. 2:12)");
    }

    @Override
    public String toString() {
        return enabled() ? minMatch + ":" + maxTokens : "off";
    }
}
