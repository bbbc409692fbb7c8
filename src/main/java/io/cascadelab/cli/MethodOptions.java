package io.cascadelab.cli;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.KPolicy;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.PaperPreset;
import io.cascadelab.decode.SamplingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Method and sampling options shared by generate, bench and sweep. */
public final class MethodOptions {

    @Option(names = "--k", defaultValue = "6", description = "draft tokens per target review; for spec the speculator drafts min(k, n_predict) and Max-Gram the rest (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--lenience", description = "lenience between draft levels, >= 1 (default: 2)")
    Double lenienceOption;

    @Option(names = "--depth",
            description = "CS Drafting levels below the target: 1 = Max-Gram, 2 = draft over Max-Gram, 3 = two drafts over Max-Gram (default: 3)")
    Integer depthOption;

    @Option(names = "--k-matrix", description = "explicit k-matrix in per-segment increments, rows ';'-separated, e.g. \"5,14,10;0,1,10;0,0,10\"")
    String kMatrix;

    @Option(names = "--preset", completionCandidates = PresetIds.class,
            description = "the CS Drafting paper's setting as its reference code runs it: ${COMPLETION-CANDIDATES}"
                    + " (sets the k-matrix, lenience and depth of csd, fast path off; see PaperPreset)")
    String preset;

    @Option(names = "--sd-drafter", description = "drafter for --method sd: a draft model's folder name or a statistical "
            + "drafter (${COMPLETION-CANDIDATES}) (default: the largest draft model)", completionCandidates = StatisticalIds.class)
    String sdDrafter;

    @Option(names = "--bottom", defaultValue = "mag", completionCandidates = StatisticalIds.class,
            description = "statistical drafter at the bottom of csd and after spec's heads: ${COMPLETION-CANDIDATES}, or "
                    + "several joined by '+' to ask each in turn, e.g. suffix+mag (default: ${DEFAULT-VALUE})")
    String bottom;

    @Option(names = "--spec-tree", description = "for --method spec: verify the speculator's candidate tree "
            + "(top-k per head, n_candidates; greedy only) instead of its chain")
    boolean specTree;

    @Option(names = "--k-policy", defaultValue = "static",
            description = "how k is chosen per step: static, heuristic (+2 if all accepted else -1), "
                    + "confidence[:cut-off] (draft ends at a token the drafter gave less probability) or goodput (default: ${DEFAULT-VALUE})")
    String kPolicy;

    @Option(names = "--mag-fast-path", converter = FastPathConverter.class,
            description = "CS Drafting: when the bottom drafter continues a copy backed by at least MIN matching tokens, "
                    + "the target reviews up to MAX copied tokens directly, without the draft models; MIN:MAX or 'off' "
                    + "(default: 2:12; off with --preset)")
    CopyFastPath fastPath;

    @Option(names = "--temperature", description = "sample at this temperature (default: greedy)")
    Double temperature;

    @Option(names = "--top-k", defaultValue = "0") int topK;
    @Option(names = "--top-p", defaultValue = "1.0") double topP;
    @Option(names = "--seed", defaultValue = "1") long seed;

    @Option(names = "--max-new-tokens", defaultValue = "128") int maxNewTokens;

    /** The lenience given, else 2. */
    double lenience() {
        return lenienceOption != null ? lenienceOption : 2.0;
    }

    /**
     * The method spec for {@code method}. A {@code --preset} is CS Drafting only and refuses the
     * options it sets, so that none of them is silently overridden.
     */
    public MethodSpec spec(MethodSpec.Method method) {
        if (preset != null) {
            PaperPreset p = PaperPreset.parse(preset);
            if (method != MethodSpec.Method.CSD) {
                throw new IllegalArgumentException("--preset " + p.id() + " is a CS Drafting setting: use it with --method csd");
            }
            if (kMatrix != null || lenienceOption != null || depthOption != null) {
                throw new IllegalArgumentException("--preset " + p.id() + " sets the k-matrix, lenience and depth itself:"
                        + " leave out --k-matrix, --lenience and --depth, or drop --preset");
            }
            MethodSpec spec = p.spec().withBottom(bottom).withPolicy(KPolicy.parse(kPolicy));
            return fastPath != null ? spec.withFastPath(fastPath) : spec;
        }
        KMatrix km = kMatrix == null ? null : KMatrix.parse(kMatrix);
        return new MethodSpec(method, k, lenience(), depthOption != null ? depthOption : 3, km, sdDrafter, specTree,
                fastPath != null ? fastPath : CopyFastPath.DEFAULT, KPolicy.parse(kPolicy), bottom);
    }

    /** The paper presets' names, for the help text. */
    static final class PresetIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(PaperPreset.values()).map(PaperPreset::id).iterator();
        }
    }

    /** The registered statistical drafters' ids, for the help text. */
    static final class StatisticalIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DrafterKinds.withRole(DrafterKind.Role.STATISTICAL).stream().map(DrafterKind::id).iterator();
        }
    }

    /** Reads --mag-fast-path. */
    static final class FastPathConverter implements CommandLine.ITypeConverter<CopyFastPath> {
        @Override
        public CopyFastPath convert(String value) {
            try {
                return CopyFastPath.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Greedy unless a temperature was given. */
    public SamplingSettings sampling() {
        return temperature == null ? SamplingSettings.GREEDY : SamplingSettings.sampling(temperature, topK, topP, seed);
    }
}
