package io.cascadelab.draft.suffix;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.DecodeInput;
import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.StepScope;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The suffix drafter as a cascade level (SuffixDecoding, Oliaro et al. 2024, as a chain): it finds
 * the longest suffix of the sequence that occurred before, in this run's prompt and committed
 * output or in the session's earlier runs, and proposes the continuation that followed it most
 * often, token by token, re-matching after each. The count is its confidence. Deterministic
 * proposals (q one-hot), no model runs.
 */
final class SuffixLevel implements Drafter {

    private final String name;
    private final int level;
    private final CopyFastPath fastPath;
    private final SuffixHistory history;
    private final SuffixTrie local;
    private int promptLength;
    private int encoderLength;

    SuffixLevel(String name, int level, CopyFastPath fastPath, SuffixHistory history, int depth) {
        this.name = name;
        this.level = level;
        this.fastPath = fastPath;
        this.history = history;
        this.local = new SuffixTrie(depth);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int level() {
        return level;
    }

    /**
     * Reads the prompt; an encoder-decoder's encoder input comes first, as Max-Gram reads it, so a copy
     * from it counts its prompt index from the encoder input's start (the decoded start token in
     * between keeps a match from running across the seam).
     */
    @Override
    public void start(DecodeInput input) {
        int[] encoder = input.encoderInput();
        int[] start = input.start();
        encoderLength = encoder.length;
        promptLength = encoder.length + start.length;
        for (int t : encoder) {
            local.append(t);
        }
        for (int t : start) {
            local.append(t);
        }
    }

    @Override
    public void accepted(int[] sequence, int accepted) {
        for (int i = local.length() - encoderLength; i < sequence.length; i++) {
            local.append(sequence[i]); // only committed tokens: never an unreviewed draft
        }
    }

    @Override
    public void finish(int[] sequence) {
        history.add(sequence);
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        long t0 = System.nanoTime();
        List<Proposal> ps = propose(sequence, Math.min(wanted, scope.limit() - sequence.length), 1);
        return record(scope, t0, ps);
    }

    /** A confident copy for the fast path: tokens backed by a match of at least its minimum, up to its maximum. */
    @Override
    public List<DraftToken> fastPathDraft(StepScope scope, int[] sequence, int room) {
        if (!fastPath.enabled()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<Proposal> ps = propose(sequence, Math.min(Math.min(room, fastPath.maxTokens()), scope.limit() - sequence.length),
                fastPath.minMatch());
        return ps.isEmpty() ? List.of() : record(scope, t0, ps);
    }

    private record Proposal(int token, CopySource source) {
    }

    /** Up to {@code n} tokens, each from a match of at least {@code minMatch} tokens. */
    private List<Proposal> propose(int[] sequence, int n, int minMatch) {
        List<Proposal> out = new ArrayList<>();
        int[] work = Arrays.copyOf(sequence, sequence.length + Math.max(0, n));
        int end = sequence.length;
        while (out.size() < n) {
            Proposal p = next(work, end);
            if (p == null || p.source().matchLength() < minMatch) {
                break;
            }
            out.add(p);
            work[end++] = p.token();
        }
        return out;
    }

    /** The best continuation of {@code seq[0..end)}: the longer match wins, this run's text on a tie. */
    private Proposal next(int[] seq, int end) {
        SuffixTrie.Node mine = local.longestMatch(seq, end);
        SuffixTrie.Node earlier = history.longestMatch(seq, end);
        boolean useMine = mine != null && (earlier == null || mine.depth >= earlier.depth);
        SuffixTrie.Node from = useMine ? mine : earlier;
        if (from == null) {
            return null;
        }
        int token = from.bestToken();
        SuffixTrie.Node c = from.child(token);
        CopySource.Kind kind = !useMine ? CopySource.Kind.HISTORY
                : c.last < promptLength ? CopySource.Kind.PROMPT : CopySource.Kind.GENERATED;
        int index = kind == CopySource.Kind.GENERATED ? c.last - promptLength : c.last;
        return new Proposal(token, new CopySource(kind, index, from.depth, c.count));
    }

    private List<DraftToken> record(StepScope scope, long t0, List<Proposal> ps) {
        scope.recorder().proposal(level, name, ps.size(), t0);
        List<DraftToken> out = new ArrayList<>(ps.size());
        for (Proposal p : ps) {
            out.add(new DraftToken(p.token(), null, TokenOrigin.drafted(level, name, SuffixKind.ID, p.source()), List.of()));
        }
        return out;
    }
}
