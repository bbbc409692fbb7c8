package io.cascadelab.draft.suffix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A suffix trie of bounded depth over a token text that grows at its end: every substring of up to
 * {@code depth} tokens is a path from the root, each node counting how often its path occurred and
 * remembering where it last ended. Appending a token extends the at most depth − 1 suffixes that
 * end at the previous token, so building costs O(depth) per token.
 */
final class SuffixTrie {

    /** A path: its count, the text index of its last token's latest occurrence, its children. */
    static final class Node {
        final int depth;
        int count;
        int last = -1;
        // most nodes have one child: keep it inline and allocate a map only for the rest
        private int onlyToken;
        private Node onlyChild;
        private Map<Integer, Node> more;

        Node(int depth) {
            this.depth = depth;
        }

        Node child(int token) {
            if (onlyChild != null && onlyToken == token) {
                return onlyChild;
            }
            return more == null ? null : more.get(token);
        }

        Node childOrNew(int token) {
            Node c = child(token);
            if (c != null) {
                return c;
            }
            c = new Node(depth + 1);
            if (onlyChild == null) {
                onlyToken = token;
                onlyChild = c;
            } else {
                if (more == null) {
                    more = new HashMap<>(4);
                }
                more.put(token, c);
            }
            return c;
        }

        /** The most frequent child (the latest on a tie), as its token, or -1 when there is none. */
        int bestToken() {
            int best = -1;
            Node bestNode = null;
            if (onlyChild != null) {
                best = onlyToken;
                bestNode = onlyChild;
            }
            if (more != null) {
                for (Map.Entry<Integer, Node> e : more.entrySet()) {
                    Node n = e.getValue();
                    if (bestNode == null || n.count > bestNode.count || (n.count == bestNode.count && n.last > bestNode.last)) {
                        best = e.getKey();
                        bestNode = n;
                    }
                }
            }
            return best;
        }
    }

    private final int depth;
    private final Node root = new Node(0);
    private List<Node> active = new ArrayList<>(); // the paths ending at the last token, shorter than depth
    private int length;

    /** @param depth longest path kept (match plus continuation) */
    SuffixTrie(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("a suffix trie needs depth >= 2, got " + depth);
        }
        this.depth = depth;
    }

    /** Tokens appended so far. */
    int length() {
        return length;
    }

    /** Appends {@code token} at the text's end. */
    void append(int token) {
        List<Node> next = new ArrayList<>(Math.min(active.size() + 1, depth));
        extend(root, token, next);
        for (Node a : active) {
            extend(a, token, next);
        }
        active = next;
        length++;
    }

    private void extend(Node from, int token, List<Node> next) {
        Node c = from.childOrNew(token);
        c.count++;
        c.last = length;
        if (c.depth < depth) {
            next.add(c);
        }
    }

    /** Ends a text: what follows starts new paths only (the next run is not a continuation of this one). */
    void cut() {
        active = new ArrayList<>();
    }

    /**
     * The node of the longest suffix of {@code seq[0..end)} that occurred and was followed by
     * something, of at most depth − 1 tokens; null when even the last token never was.
     */
    Node longestMatch(int[] seq, int end) {
        for (int m = Math.min(depth - 1, end); m >= 1; m--) {
            Node n = root;
            for (int i = end - m; i < end && n != null; i++) {
                n = n.child(seq[i]);
            }
            if (n != null && n.bestToken() >= 0) {
                return n;
            }
        }
        return null;
    }
}
