package io.cascadelab.decode;

import io.cascadelab.draft.MaxGramDrafter;
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

    /** One drafter level: a draft model, or Max-Gram. */
    public sealed interface Level permits ModelLevel, MaxGramSpec {
    }

    /** A draft model level. */
    public record ModelLevel(LoadedModel model) implements Level {
    }

    /** The Max-Gram level. */
    public record MaxGramSpec(MaxGramDrafter maxGram) implements Level {
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
        List<ModelSession> sessions = new ArrayList<>();
        List<String> names = levelNames(target, drafters);
        Drafter[] levels = new Drafter[drafters.size()];
        for (int j = drafters.size() - 1; j >= 0; j--) {
            int level = j + 1;
            if (drafters.get(j) instanceof MaxGramSpec mg) {
                levels[j] = new MaxGramLevel(mg.maxGram(), level);
            } else {
                LoadedModel m = ((ModelLevel) drafters.get(j)).model();
                ModelSession s = m.newSession(capacity);
                sessions.add(s);
                List<Drafter> below = new ArrayList<>(java.util.Arrays.asList(levels).subList(j + 1, levels.length));
                levels[j] = new ReviewLevel(names.get(level), level, new ModelScorer(s), below);
            }
        }
        ModelSession ts = target.newSession(capacity);
        sessions.add(ts);
        ReviewLevel top = new ReviewLevel(target.name(), 0, new ModelScorer(ts), List.of(levels));
        return new Cascade(top, sessions, names);
    }

    /** The level names a cascade of these drafters gets (index 0 the target), as used in traces and metrics. */
    public static List<String> levelNames(LoadedModel target, List<Level> drafters) {
        List<String> taken = new ArrayList<>();
        taken.add(target.name());
        String[] names = new String[drafters.size()];
        for (int j = drafters.size() - 1; j >= 0; j--) {
            names[j] = drafters.get(j) instanceof ModelLevel ml ? uniqueName(ml.model().name(), taken) : "MaG";
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

    /** The smallest context among the sessions. */
    public int capacity() {
        int c = Integer.MAX_VALUE;
        for (ModelSession s : sessions) {
            c = Math.min(c, s.capacity());
        }
        return c;
    }

    @Override
    public void close() {
        sessions.forEach(ModelSession::close);
    }
}
