package io.cascadelab.decode;

import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A decoding method in the sliders' terms: plain decoding, speculative decoding with one drafter,
 * or CS Drafting with {@code depth} drafter levels (1 = Max-Gram alone, 2 = the largest draft model
 * over Max-Gram, 3 = two draft models over Max-Gram, …), k draft tokens per target review and a
 * lenience. An explicit k-matrix overrides the expansion of k and depth.
 *
 * @param sdDrafter for SD: a draft model's name, or "mag"
 */
public record MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter) {

    /** The decoding methods. */
    public enum Method {
        AR, SD, CSD;

        /** Parses "ar", "sd" or "csd". */
        public static Method parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + s + "': use ar, sd or csd");
            }
        }
    }

    /** Plain autoregressive decoding of the target. */
    public static MethodSpec ar() {
        return new MethodSpec(Method.AR, 0, 1, 0, null, null);
    }

    /** The drafter levels for {@code family}, largest first. */
    public List<Cascade.Level> levels(ModelFamily family) {
        MaxGramDrafter mag = new MaxGramDrafter(family.bigram());
        List<Cascade.Level> out = new ArrayList<>();
        switch (method) {
            case AR -> {
            }
            case SD -> {
                String name = sdDrafter != null ? sdDrafter
                        : family.drafts().isEmpty() ? "mag" : family.drafts().get(0).name();
                if (name.equalsIgnoreCase("mag")) {
                    out.add(new Cascade.MaxGramSpec(mag));
                } else {
                    LoadedModel d = family.draft(name);
                    if (d == null) {
                        throw new IllegalArgumentException("no drafter named '" + name + "'; available: mag"
                                + family.drafts().stream().map(m -> ", " + m.name()).reduce("", String::concat));
                    }
                    out.add(new Cascade.ModelLevel(d));
                }
            }
            case CSD -> {
                int models = effectiveDepth() - 1;
                if (models > family.drafts().size()) {
                    throw new IllegalArgumentException("cascade depth " + effectiveDepth() + " needs " + models
                            + " draft model(s) over Max-Gram but only " + family.drafts().size() + " are loaded");
                }
                for (int i = 0; i < models; i++) {
                    out.add(new Cascade.ModelLevel(family.drafts().get(i)));
                }
                out.add(new Cascade.MaxGramSpec(mag));
            }
        }
        return out;
    }

    /** Depth of the cascade actually run (the k-matrix size when one is given). */
    public int effectiveDepth() {
        return switch (method) {
            case AR -> 0;
            case SD -> 1;
            case CSD -> kOverride != null ? kOverride.size() : depth;
        };
    }

    /** The k-matrix the run uses (null for plain decoding). */
    public KMatrix kMatrix() {
        return switch (method) {
            case AR -> null;
            case SD -> kOverride != null ? kOverride : KMatrix.of(new int[][] {{k}});
            case CSD -> kOverride != null ? kOverride : KMatrix.expand(k, depth);
        };
    }

    /** Draft tokens per target review (row total of K's first row). */
    public int draftTokens() {
        KMatrix m = kMatrix();
        return m == null ? 0 : m.rowTotal(0);
    }

    /** Short label, e.g. "csd(d=3,k=8,l=2)". */
    public String label() {
        return switch (method) {
            case AR -> "ar";
            case SD -> "sd(" + (sdDrafter == null ? "draft" : sdDrafter) + ",k=" + draftTokens() + ")";
            case CSD -> "csd(d=" + effectiveDepth() + ",k=" + draftTokens() + ",l=" + lenience + ")";
        };
    }
}
