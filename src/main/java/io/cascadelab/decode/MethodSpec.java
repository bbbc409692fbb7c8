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
 * <p>SPEC is the family's MLP speculator as d_1: a chain of min(k, n_predict) heads, with Max-Gram
 * (d_2) filling the remaining k − n_predict positions when k is larger (k-matrix [[k]], or an
 * explicit [[heads, mag], [0, 1]]); or, with {@code specTree}, a candidate tree of min(k, n_predict)
 * heads verified greedily in one tree-attention pass.
 *
 * @param sdDrafter for SD: a draft model's name, or "mag"
 * @param specTree  for SPEC: verify the speculator's candidate tree instead of its chain
 * @param fastPath  for CSD: Max-Gram's fast path to the target ({@link CopyFastPath#OFF} for none)
 * @param policy    how k is chosen step by step (static k unless told otherwise)
 */
public record MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter,
                         boolean specTree, CopyFastPath fastPath, KPolicy policy) {

    public MethodSpec {
        fastPath = fastPath == null ? CopyFastPath.OFF : fastPath;
        policy = policy == null ? KPolicy.STATIC : policy;
        if (method == Method.SD && kOverride != null && kOverride.size() != 1) {
            throw new IllegalArgumentException("sd drafts with one drafter, so its K matrix is 1x1 (--k N); got "
                    + kOverride.size() + "x" + kOverride.size() + ": use --method csd for a cascade");
        }
        if (policy.adaptsK() && kOverride != null && method != Method.AR) {
            throw new IllegalArgumentException("the k policy '" + policy.label() + "' sets k itself from k and depth;"
                    + " it cannot adapt an explicit K matrix: untick the custom K matrix or choose static k");
        }
    }

    /** A method with static k. */
    public MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter,
                      boolean specTree, CopyFastPath fastPath) {
        this(method, k, lenience, depth, kOverride, sdDrafter, specTree, fastPath, KPolicy.STATIC);
    }

    /** A method with the default Max-Gram fast path (it only matters for CSD). */
    public MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter,
                      boolean specTree) {
        this(method, k, lenience, depth, kOverride, sdDrafter, specTree, CopyFastPath.DEFAULT);
    }

    /** A method without a speculator tree, with the default Max-Gram fast path. */
    public MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter) {
        this(method, k, lenience, depth, kOverride, sdDrafter, false);
    }

    /** This method with another Max-Gram fast path. */
    public MethodSpec withFastPath(CopyFastPath p) {
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafter, specTree, p, policy);
    }

    /** The decoding methods. */
    public enum Method {
        AR, SD, CSD, SPEC;

        /** Parses "ar", "sd", "csd" or "spec". */
        public static Method parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + s + "': use ar, sd, csd or spec");
            }
        }
    }

    /** This method with k draft tokens per target review (any explicit k-matrix dropped). */
    public MethodSpec withK(int newK) {
        return new MethodSpec(method, newK, lenience, depth, null, sdDrafter, specTree, fastPath, policy);
    }

    /** This method with another lenience. */
    public MethodSpec withLenience(double newLenience) {
        return new MethodSpec(method, k, newLenience, depth, kOverride, sdDrafter, specTree, fastPath, policy);
    }

    /** This method with another cascade depth. */
    public MethodSpec withDepth(int newDepth) {
        return new MethodSpec(method, k, lenience, newDepth, kOverride, sdDrafter, specTree, fastPath, policy);
    }

    /** This method with an explicit k-matrix (null: expand k and depth again). */
    public MethodSpec withKOverride(KMatrix newKOverride) {
        return new MethodSpec(method, k, lenience, depth, newKOverride, sdDrafter, specTree, fastPath, policy);
    }

    /** This method with another k policy. */
    public MethodSpec withPolicy(KPolicy newPolicy) {
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafter, specTree, fastPath, newPolicy);
    }

    /** Plain autoregressive decoding of the target. */
    public static MethodSpec ar() {
        return new MethodSpec(Method.AR, 0, 1, 0, null, null);
    }

    /** The family's MLP speculator drafting k tokens (Max-Gram beyond its heads), or its candidate tree. */
    public static MethodSpec speculator(int k, boolean tree) {
        return new MethodSpec(Method.SPEC, k, 1, 0, null, null, tree);
    }

    /** This spec with SD's drafter named as {@link #levels} will pick it in {@code family} (for labels). */
    public MethodSpec forFamily(ModelFamily family) {
        if (method != Method.SD || sdDrafter != null) {
            return this;
        }
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafterIn(family), specTree, fastPath, policy);
    }

    /** SD's drafter: the one named, else the family's largest draft model, else Max-Gram. */
    private String sdDrafterIn(ModelFamily family) {
        return sdDrafter != null ? sdDrafter : family.drafts().isEmpty() ? "mag" : family.drafts().get(0).name();
    }

    /** The drafter levels for {@code family}, largest first. */
    public List<Cascade.Level> levels(ModelFamily family) {
        MaxGramDrafter mag = new MaxGramDrafter(family.bigram());
        List<Cascade.Level> out = new ArrayList<>();
        switch (method) {
            case AR -> {
            }
            case SD -> {
                String name = sdDrafterIn(family);
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
                out.add(new Cascade.MaxGramSpec(mag, models > 0 ? fastPath : CopyFastPath.OFF));
            }
            case SPEC -> {
                if (family.speculator() == null) {
                    throw new IllegalArgumentException("method spec needs an MLP speculator: pass --speculator DIR "
                            + "(a Hugging Face mlp_speculator folder) or put one in the family folder as speculator/");
                }
                // Thresholds are cumulative: the speculator's segment wants K[0][0] tokens but stops after
                // its heads; Max-Gram's segment then fills up to the row total (k).
                int heads = Math.min(Math.max(1, kMatrix().get(0, 0)), family.speculator().config().nPredict());
                out.add(new Cascade.SpeculatorSpec(family.speculator(), heads, specTree));
                if (!specTree) {
                    out.add(new Cascade.MaxGramSpec(mag));
                }
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
            case SPEC -> specTree ? 1 : 2;
        };
    }

    /** The k-matrix the run uses (null for plain decoding). */
    public KMatrix kMatrix() {
        return switch (method) {
            case AR -> null;
            case SD -> kOverride != null ? kOverride : KMatrix.of(new int[][] {{k}});
            case CSD -> kOverride != null ? kOverride : KMatrix.expand(k, depth);
            case SPEC -> kOverride != null ? kOverride : KMatrix.of(new int[][] {{k}});
        };
    }

    /** Draft tokens per target review (row total of K's first row). */
    public int draftTokens() {
        KMatrix m = kMatrix();
        return m == null ? 0 : m.rowTotal(0);
    }

    /** Short label, e.g. "csd(d=3,k=8,l=2.0,fast=2:12)", with the k policy when it is not static. */
    public String label() {
        String base = baseLabel();
        return method == Method.AR || policy instanceof KPolicy.Static ? base
                : base.substring(0, base.length() - 1) + "," + policy.label() + ")";
    }

    private String baseLabel() {
        return switch (method) {
            case AR -> "ar";
            case SD -> "sd(" + (sdDrafter == null ? "draft" : sdDrafter) + ",k=" + draftTokens() + ")";
            case CSD -> "csd(d=" + effectiveDepth() + ",k=" + draftTokens() + ",l=" + lenience
                    + (fastPath.enabled() && effectiveDepth() > 1 ? ",fast=" + fastPath : "") + ")";
            case SPEC -> "spec(k=" + draftTokens() + (specTree ? ",tree" : "") + ")";
        };
    }
}
