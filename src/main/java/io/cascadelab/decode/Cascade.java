package io.cascadelab.decode;

import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the tree of levels for a target and drafters d_1..d_n (largest first; Max-Gram, when
 * present, last). Drafter d_j (level j) reviews drafts of d_{j+1}..d_n with row j of the k-matrix;
 * the smallest model with nothing below generates on its own.
 */
public final class Cascade implements AutoCloseable {

    /** One drafter level: a draft model, Max-Gram, or an MLP speculator (only as d_1). */
    public sealed interface Level permits ModelLevel, MaxGramSpec, SpeculatorSpec {
    }

    /** A draft model level. */
    public record ModelLevel(LoadedModel model) implements Level {
    }

    /** The Max-Gram level, with its fast path to the target (used when draft models sit above it). */
    public record MaxGramSpec(MaxGramDrafter maxGram, CopyFastPath fastPath) implements Level {

        /** Max-Gram without a fast path. */
        public MaxGramSpec(MaxGramDrafter maxGram) {
            this(maxGram, CopyFastPath.OFF);
        }
    }

    /**
     * An MLP speculator level, reading the target's hidden states; it must be d_1.
     *
     * @param heads heads per draft (at most n_predict)
     * @param tree  verify a candidate tree (greedy) instead of a chain
     */
    public record SpeculatorSpec(MlpSpeculator speculator, int heads, boolean tree) implements Level {
    }

    private final ReviewLevel top;
    private final List<ModelSession> sessions;
    private final List<String> levelNames;

    private Cascade(ReviewLevel top, List<ModelSession> sessions, List<String> levelNames) {
        this.top = top;
        this.sessions = sessions;
        this.levelNames = levelNames;
    }

    /** Creates fresh sessions of {@code capacity} positions for the target and every draft model. */
    public static Cascade build(LoadedModel target, List<Level> drafters, int capacity) {
        for (int j = 0; j < drafters.size() - 1; j++) {
            if (drafters.get(j) instanceof MaxGramSpec) {
                throw new IllegalArgumentException("Max-Gram must be the smallest (last) drafter of a cascade");
            }
        }
        for (int j = 1; j < drafters.size(); j++) {
            if (drafters.get(j) instanceof SpeculatorSpec) {
                throw new IllegalArgumentException("an MLP speculator reads the target's hidden state: it must be the "
                        + "first drafter (d1), directly below the target");
            }
        }
        boolean speculator = !drafters.isEmpty() && drafters.get(0) instanceof SpeculatorSpec;
        if (speculator) {
            SpeculatorSpec sp = (SpeculatorSpec) drafters.get(0);
            sp.speculator().checkTarget(target.config(), target.name());
            if (sp.tree() && drafters.size() > 1) {
                throw new IllegalArgumentException("the speculator's candidate tree is verified on its own: "
                        + "no drafter can follow it (use the chain to combine it with Max-Gram)");
            }
        }
        List<ModelSession> sessions = new ArrayList<>();
        List<String> names = levelNames(target, drafters);
        ModelSession ts = target.newSession(capacity);
        ModelScorer targetScorer = new ModelScorer(ts, speculator);
        Drafter[] levels = new Drafter[drafters.size()];
        for (int j = drafters.size() - 1; j >= 0; j--) {
            int level = j + 1;
            if (drafters.get(j) instanceof MaxGramSpec mg) {
                levels[j] = new MaxGramLevel(mg.maxGram(), level, mg.fastPath());
            } else if (drafters.get(j) instanceof SpeculatorSpec sp) {
                levels[j] = new SpeculatorLevel(sp.speculator(), names.get(level), level, targetScorer, sp.heads(), sp.tree());
            } else {
                LoadedModel m = ((ModelLevel) drafters.get(j)).model();
                ModelSession s = m.newSession(capacity);
                sessions.add(s);
                List<Drafter> below = new ArrayList<>(java.util.Arrays.asList(levels).subList(j + 1, levels.length));
                levels[j] = new ReviewLevel(names.get(level), level, new ModelScorer(s), below);
            }
        }
        sessions.add(ts);
        ReviewLevel top = new ReviewLevel(target.name(), 0, targetScorer, List.of(levels));
        return new Cascade(top, sessions, names);
    }

    /** The level names a cascade of these drafters gets (index 0 the target), as used in traces and metrics. */
    public static List<String> levelNames(LoadedModel target, List<Level> drafters) {
        List<String> taken = new ArrayList<>();
        taken.add(target.name());
        String[] names = new String[drafters.size()];
        for (int j = drafters.size() - 1; j >= 0; j--) {
            Level l = drafters.get(j);
            if (l instanceof ModelLevel ml) {
                names[j] = uniqueName(ml.model().name(), taken);
            } else if (l instanceof SpeculatorSpec sp) {
                names[j] = uniqueName(sp.speculator().name(), taken);
            } else {
                names[j] = "MaG";
            }
        }
        List<String> out = new ArrayList<>();
        out.add(target.name());
        out.addAll(List.of(names));
        return out;
    }

    private static String uniqueName(String name, List<String> taken) {
        String n = name;
        int i = 2;
        while (taken.contains(n)) {
            n = name + "#" + i++;
        }
        taken.add(n);
        return n;
    }

    /** The target's review level (the root of the tree). */
    public ReviewLevel top() {
        return top;
    }

    /** Level names: index 0 the target, then d_1..d_n. */
    public List<String> levelNames() {
        return levelNames;
    }

    /** Number of drafter levels (the cascade depth). */
    public int depth() {
        return levelNames.size() - 1;
    }

    /** The run's context: the target's (a drafter with a shorter one stops drafting when it is full). */
    public int capacity() {
        return sessions.get(sessions.size() - 1).capacity(); // the target's session is added last
    }

    @Override
    public void close() {
        sessions.forEach(ModelSession::close);
    }
}
