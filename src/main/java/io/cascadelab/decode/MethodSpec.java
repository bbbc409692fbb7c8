package io.cascadelab.decode;

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
 * @param sdDrafter for SD: a draft model's name, or a statistical drafter's id ("mag", …)
 * @param specTree  for SPEC: verify the speculator's candidate tree instead of its chain
 * @param fastPath  for CSD: the bottom drafter's fast path to the target ({@link CopyFastPath#OFF} for none)
 * @param policy    how k is chosen step by step (static k unless told otherwise)
 * @param bottom    the statistical drafter(s) at the bottom of CSD and after SPEC's heads: an id, or
 *                  ids joined by '+' to ask each in turn ("suffix+mag"); default Max-Gram
 */
public record MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter,
                         boolean specTree, CopyFastPath fastPath, KPolicy policy, String bottom) {

    /** The default bottom drafter. */
    public static final String MAX_GRAM = "mag";

    public MethodSpec {
        fastPath = fastPath == null ? CopyFastPath.OFF : fastPath;
        policy = policy == null ? KPolicy.STATIC : policy;
        bottom = bottom == null || bottom.isBlank() ? MAX_GRAM : bottom.trim().toLowerCase(Locale.ROOT);
        if (method == Method.SD && kOverride != null && kOverride.size() != 1) {
            throw new IllegalArgumentException("sd drafts with one drafter, so its K matrix is 1x1 (--k N); got "
                    + kOverride.size() + "x" + kOverride.size() + ": use --method csd for a cascade");
        }
        if (policy.adaptsK() && kOverride != null && method != Method.AR) {
            throw new IllegalArgumentException("the k policy '" + policy.label() + "' sets k itself from k and depth;"
                    + " it cannot adapt an explicit K matrix: untick the custom K matrix or choose static k");
        }
    }

    /** A method with Max-Gram at the bottom. */
    public MethodSpec(Method method, int k, double lenience, int depth, KMatrix kOverride, String sdDrafter,
                      boolean specTree, CopyFastPath fastPath, KPolicy policy) {
        this(method, k, lenience, depth, kOverride, sdDrafter, specTree, fastPath, policy, MAX_GRAM);
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
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafter, specTree, p, policy, bottom);
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
        return new MethodSpec(method, newK, lenience, depth, null, sdDrafter, specTree, fastPath, policy, bottom);
    }

    /** This method with another lenience. */
    public MethodSpec withLenience(double newLenience) {
        return new MethodSpec(method, k, newLenience, depth, kOverride, sdDrafter, specTree, fastPath, policy, bottom);
    }

    /** This method with another cascade depth. */
    public MethodSpec withDepth(int newDepth) {
        return new MethodSpec(method, k, lenience, newDepth, kOverride, sdDrafter, specTree, fastPath, policy, bottom);
    }

    /** This method with an explicit k-matrix (null: expand k and depth again). */
    public MethodSpec withKOverride(KMatrix newKOverride) {
        return new MethodSpec(method, k, lenience, depth, newKOverride, sdDrafter, specTree, fastPath, policy, bottom);
    }

    /** This method with another bottom drafter ("mag", "suffix", "suffix+mag", …). */
    public MethodSpec withBottom(String newBottom) {
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafter, specTree, fastPath, policy, newBottom);
    }

    /** This method with another k policy. */
    public MethodSpec withPolicy(KPolicy newPolicy) {
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafter, specTree, fastPath, newPolicy, bottom);
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
        return new MethodSpec(method, k, lenience, depth, kOverride, sdDrafterIn(family), specTree, fastPath, policy, bottom);
    }

    /** SD's drafter: the one named, else the family's largest draft model, else Max-Gram. */
    private String sdDrafterIn(ModelFamily family) {
        return sdDrafter != null ? sdDrafter : family.drafts().isEmpty() ? MAX_GRAM : family.drafts().get(0).name();
    }

    /** The drafter levels for {@code family}, largest first. */
    public List<LevelSpec> levels(ModelFamily family) {
        List<LevelSpec> out = new ArrayList<>();
        MethodSpec noFastPath = withFastPath(CopyFastPath.OFF);
        switch (method) {
            case AR -> {
            }
            case SD -> {
                String name = sdDrafterIn(family);
                DrafterKind kind = DrafterKinds.find(name);
                if (kind != null && kind.role() == DrafterKind.Role.STATISTICAL) {
                    out.add(kind.level(family, noFastPath));
                } else {
                    LoadedModel d = family.draft(name);
                    if (d == null) {
                        throw new IllegalArgumentException("no drafter named '" + name + "'; available: "
                                + DrafterKinds.statisticalIds()
                                + family.drafts().stream().map(m -> ", " + m.name()).reduce("", String::concat));
                    }
                    out.add(new DraftModelLevel(d));
                }
            }
            case CSD -> {
                int models = effectiveDepth() - 1;
                if (models > family.drafts().size()) {
                    throw new IllegalArgumentException("cascade depth " + effectiveDepth() + " needs " + models
                            + " draft model(s) over the bottom drafter but only " + family.drafts().size() + " are loaded");
                }
                for (int i = 0; i < models; i++) {
                    out.add(new DraftModelLevel(family.drafts().get(i)));
                }
                out.add(bottomLevel(family, models > 0 ? this : noFastPath));
            }
            case SPEC -> {
                List<DrafterKind> heads = DrafterKinds.withRole(DrafterKind.Role.TARGET_HEAD);
                DrafterKind head = heads.stream().filter(h -> h.availableIn(family)).findFirst()
                        .orElse(heads.isEmpty() ? null : heads.get(0));
                if (head == null) {
                    throw new IllegalArgumentException("method spec needs a head drafter, and this build registers none");
                }
                out.add(head.level(family, this));
                if (!specTree) {
                    out.add(bottomLevel(family, noFastPath));
                }
            }
        }
        return out;
    }

    /** The bottom drafter(s): one statistical kind, or several asked in turn. */
    private LevelSpec bottomLevel(ModelFamily family, MethodSpec spec) {
        List<LevelSpec> members = new ArrayList<>();
        for (String id : bottom.split("\\+")) {
            DrafterKind kind = DrafterKinds.find(id.trim());
            if (kind == null || kind.role() != DrafterKind.Role.STATISTICAL) {
                throw new IllegalArgumentException("bottom drafter '" + id.trim() + "' is not a statistical drafter; use "
                        + DrafterKinds.statisticalIds() + ", or several joined by '+'");
            }
            members.add(kind.level(family, spec));
        }
        return members.size() == 1 ? members.get(0) : new FirstProposal(members);
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
                    + (fastPath.enabled() && effectiveDepth() > 1 ? ",fast=" + fastPath : "")
                    + (bottom.equals(MAX_GRAM) ? "" : ",bottom=" + bottom) + ")";
            case SPEC -> "spec(k=" + draftTokens() + (specTree ? ",tree" : "") + ")";
        };
    }
}
