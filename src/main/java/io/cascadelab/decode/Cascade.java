package io.cascadelab.decode;

import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the tree of levels for a target and drafters d_1..d_n (largest first; a statistical
 * drafter, when present, last). Drafter d_j (level j) reviews drafts of d_{j+1}..d_n with row j of
 * the k-matrix; the smallest model with nothing below generates on its own. What each level is
 * comes from its {@link LevelSpec}; the cascade never asks which kind it has.
 */
public final class Cascade implements AutoCloseable {

    private final ReviewLevel top;
    private final List<ModelSession> sessions;
    private final List<String> levelNames;

    private Cascade(ReviewLevel top, List<ModelSession> sessions, List<String> levelNames) {
        this.top = top;
        this.sessions = sessions;
        this.levelNames = levelNames;
    }

    /** Creates fresh sessions of {@code capacity} positions for the target and every draft model. */
    public static Cascade build(LoadedModel target, List<LevelSpec> drafters, int capacity) {
        for (int j = 0; j < drafters.size(); j++) {
            drafters.get(j).checkPlacement(target, j, drafters.size());
        }
        boolean keepHidden = drafters.stream().anyMatch(LevelSpec::readsTargetHidden);
        List<ModelSession> sessions = new ArrayList<>();
        List<String> names = levelNames(target, drafters);
        ModelSession ts = target.newSession(capacity);
        try {
            ModelScorer targetScorer = new ModelScorer(ts, keepHidden);
            Drafter[] levels = new Drafter[drafters.size()];
            for (int j = drafters.size() - 1; j >= 0; j--) {
                List<Drafter> below = Arrays.asList(levels).subList(j + 1, levels.length);
                levels[j] = drafters.get(j).create(new LevelContext(names.get(j + 1), j + 1, capacity, targetScorer,
                        below, sessions::add));
            }
            sessions.add(ts);
            ReviewLevel top = new ReviewLevel(target.name(), 0, targetScorer, List.of(levels));
            return new Cascade(top, sessions, names);
        } catch (RuntimeException e) {
            sessions.forEach(ModelSession::close);
            ts.close();
            throw e;
        }
    }

    /** The level names a cascade of these drafters gets (index 0 the target), as used in traces and metrics. */
    public static List<String> levelNames(LoadedModel target, List<LevelSpec> drafters) {
        List<String> taken = new ArrayList<>();
        taken.add(target.name());
        String[] names = new String[drafters.size()];
        for (int j = drafters.size() - 1; j >= 0; j--) {
            names[j] = uniqueName(drafters.get(j).name(), taken);
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
