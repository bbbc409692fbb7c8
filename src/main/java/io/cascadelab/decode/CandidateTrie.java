package io.cascadelab.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate continuations merged into a prefix tree, so that a shared prefix is scored once in a
 * tree-attention pass. Node j holds {@code tokens()[j]}; its parent is {@code parents()[j]} (−1 for
 * a child of the sequence's last token); parents always come before their children.
 */
final class CandidateTrie {

    private final int[] tokens;
    private final int[] parents;
    private final int[][] paths; // paths[c][i] = node of candidate c's token i

    private CandidateTrie(int[] tokens, int[] parents, int[][] paths) {
        this.tokens = tokens;
        this.parents = parents;
        this.paths = paths;
    }

    /** Merges {@code candidates} (token arrays) into a trie. */
    static CandidateTrie of(List<int[]> candidates) {
        List<Integer> tok = new ArrayList<>();
        List<Integer> par = new ArrayList<>();
        Map<Long, Integer> child = new HashMap<>(); // (parent node + 1) << 32 | token → node
        int[][] paths = new int[candidates.size()][];
        for (int c = 0; c < candidates.size(); c++) {
            int[] x = candidates.get(c);
            paths[c] = new int[x.length];
            int node = -1;
            for (int i = 0; i < x.length; i++) {
                long key = ((long) (node + 1) << 32) | (x[i] & 0xffffffffL);
                Integer next = child.get(key);
                if (next == null) {
                    next = tok.size();
                    tok.add(x[i]);
                    par.add(node);
                    child.put(key, next);
                }
                node = next;
                paths[c][i] = node;
            }
        }
        return new CandidateTrie(tok.stream().mapToInt(Integer::intValue).toArray(),
                par.stream().mapToInt(Integer::intValue).toArray(), paths);
    }

    /** Node tokens. */
    int[] tokens() {
        return tokens;
    }

    /** Node parents (−1 = child of the root). */
    int[] parents() {
        return parents;
    }

    /** Number of nodes. */
    int size() {
        return tokens.length;
    }

    /** The node holding candidate {@code c}'s token {@code i}. */
    int node(int c, int i) {
        return paths[c][i];
    }
}
