package io.cascadelab.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Walks a cascade's tree of drafters. */
public final class Drafters {

    private Drafters() {
    }

    /**
     * Every distinct drafter of the tree under {@code top}, {@code top} first, each once although a
     * cascade shares a drafter among all the reviewers above it (so a bottom drafter of depth 3 is
     * reached four ways).
     */
    public static List<Drafter> ofTree(Drafter top) {
        Set<Drafter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Drafter> out = new ArrayList<>();
        collect(top, seen, out);
        return out;
    }

    private static void collect(Drafter d, Set<Drafter> seen, List<Drafter> out) {
        if (!seen.add(d)) {
            return;
        }
        out.add(d);
        for (Drafter b : d.below()) {
            collect(b, seen, out);
        }
    }
}
