package io.cascadelab.draft.suffix;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The earlier runs of this session over one target (prompt and output of each), as one suffix
 * trie shared by that target's runs. It holds at most {@link #MAX_TOKENS} tokens: a run that would
 * pass that starts the history afresh, so memory stays bounded in a long session.
 */
final class SuffixHistory {

    /** Most tokens kept. */
    static final int MAX_TOKENS = 50_000;

    // keyed by the loaded target: a family loaded again starts a new history
    private static final Map<Object, SuffixHistory> SESSIONS = Collections.synchronizedMap(new WeakHashMap<>());

    private final int depth;
    private SuffixTrie trie;

    private SuffixHistory(int depth) {
        this.depth = depth;
        this.trie = new SuffixTrie(depth);
    }

    /** The history of the runs over {@code target}. */
    static SuffixHistory of(Object target, int depth) {
        return SESSIONS.computeIfAbsent(target, t -> new SuffixHistory(depth));
    }

    /** Adds a finished run. */
    synchronized void add(int[] run) {
        if (trie.length() + run.length > MAX_TOKENS) {
            trie = new SuffixTrie(depth);
        }
        for (int i = Math.max(0, run.length - MAX_TOKENS); i < run.length; i++) {
            trie.append(run[i]);
        }
        trie.cut();
    }

    /** The trie's longest match (see {@link SuffixTrie#longestMatch}). */
    synchronized SuffixTrie.Node longestMatch(int[] seq, int end) {
        return trie.longestMatch(seq, end);
    }

    /** Forgets every earlier run over {@code target}. */
    static void forget(Object target) {
        SESSIONS.remove(target);
    }
}
