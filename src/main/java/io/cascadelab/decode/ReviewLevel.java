package io.cascadelab.decode;

import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.CandidateTree;
import io.cascadelab.trace.GhostToken;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * A model that reviews: it builds a draft from the drafters below it in horizontal segments (its
 * row of the k-matrix), scores the whole draft in one forward pass, keeps the acceptable prefix
 * and adds one token of its own. The target is the level-0 ReviewLevel; a draft model inside a
 * cascade is a ReviewLevel that is also a {@link Drafter}; a draft model with nothing below it
 * reviews empty drafts, i.e. generates one token per pass (classic speculative decoding).
 */
public final class ReviewLevel implements Drafter {

    private final String name;
    private final int level;
    private final DraftScorer scorer;
    private final List<Drafter> below;

    /**
     * @param below the drafters below this reviewer, largest first; segment i of its draft comes
     *              from below[i] and is K[level][level + i] tokens long
     */
    public ReviewLevel(String name, int level, DraftScorer scorer, List<Drafter> below) {
        this.name = name;
        this.level = level;
        this.scorer = scorer;
        this.below = List.copyOf(below);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int level() {
        return level;
    }

    /** The drafters below, largest first. */
    @Override
    public List<Drafter> below() {
        return below;
    }

    /** What this reviewer scores with (a model, or a simulator's stand-in). */
    public DraftScorer scorer() {
        return scorer;
    }

    /** Prefills this reviewer's own model; the drafters below start on their own ({@link Drafters#ofTree}). */
    @Override
    public void start(DecodeInput input) {
        scorer.prefill(input);
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        if (sequence.length + 1 > scorer.capacity()) {
            return List.of(); // this drafter's context is full: it stops drafting, the levels above go on
        }
        return review(scope, sequence);
    }

    /** One review: build the draft from below, score it, accept a prefix, add a token. */
    public List<DraftToken> review(StepScope scope, int[] sequence) {
        if (level == 0 && below.size() == 1 && below.get(0).proposesTree()) {
            return reviewTree(scope, sequence, below.get(0));
        }
        int id = scope.recorder().openReview();
        int[] parent = scope.recorder().currentParent();
        List<DraftToken> drafts = buildDraft(scope, sequence, id);
        scope.checkCancelled();
        int n = drafts.size();
        int[] x = new int[n];
        float[][] q = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = drafts.get(i).token();
            q[i] = drafts.get(i).q();
        }
        long t0 = System.nanoTime();
        ModelScorer.Pass pass = scorer.score(sequence, x, scope.sampling().softmaxTemperature());
        long dt = System.nanoTime() - t0;
        scope.recorder().call(new CallRecord(id, level, name, pass.tokensIn(), n, scope.recorder().sinceStart(t0), dt));
        float[][] p = new float[n + 1][];
        for (int i = 0; i <= n; i++) {
            p[i] = scope.sampling().filter(pass.probabilities()[i]);
        }
        boolean top = level == 0;
        double lenience = top ? 1.0 : scope.lenience();
        ReviewOutcome o = AcceptanceRule.forReview(scope.sampling(), top).review(x, p, q, lenience, scope.random());
        return conclude(scope, id, parent, sequence, drafts, o, lenience, null, p[o.acceptedCount()][o.extraToken()]);
    }

    /**
     * The target verifying a drafter's candidate tree (an MLP speculator's) in one tree-attention
     * pass with greedy acceptance: of all candidates, the first with the longest prefix equal to the
     * target's greedy choices is kept, plus the target's next token. The hidden state that emitted
     * that token is handed back to the scorer for the drafter's next step.
     */
    private List<DraftToken> reviewTree(StepScope scope, int[] sequence, Drafter s) {
        if (!scope.sampling().greedy()) {
            throw new IllegalArgumentException(s.name() + "'s candidate tree is verified with greedy acceptance;"
                    + " sample with its chain instead (no tree)");
        }
        int id = scope.recorder().openReview();
        int[] parent = scope.recorder().currentParent();
        List<DraftCandidate> candidates;
        scope.recorder().enterSegment(id, 0);
        try {
            candidates = s.candidates(scope, sequence);
        } finally {
            scope.recorder().leaveSegment();
        }
        scope.checkCancelled();
        List<int[]> tokens = new ArrayList<>();
        candidates.forEach(c -> tokens.add(c.tokens()));
        CandidateTrie trie = CandidateTrie.of(tokens);
        long t0 = System.nanoTime();
        ModelScorer.TreePass pass = scorer.scoreTree(sequence, trie.tokens(), trie.parents(),
                scope.sampling().softmaxTemperature());
        long dt = System.nanoTime() - t0;
        scope.recorder().call(new CallRecord(id, level, name, pass.tokensIn(), trie.size(),
                scope.recorder().sinceStart(t0), dt));
        java.util.function.IntFunction<float[]> p = r -> pass.probabilities()[r]; // greedy: softmax at 1, no filters
        int chosen = -1;
        ReviewOutcome best = AcceptanceRule.greedy().review(new int[0], new float[][] {p.apply(0)}, null, 1.0, null);
        for (int c = 0; c < tokens.size(); c++) {
            int[] x = tokens.get(c);
            float[][] rows = new float[x.length + 1][];
            rows[0] = p.apply(0);
            for (int j = 0; j < x.length; j++) {
                rows[j + 1] = p.apply(1 + trie.node(c, j));
            }
            ReviewOutcome o = AcceptanceRule.greedy().review(x, rows, null, 1.0, null);
            if (chosen < 0 || o.acceptedCount() > best.acceptedCount()) {
                chosen = c;
                best = o;
            }
        }
        List<DraftToken> drafts = new ArrayList<>();
        double[] logProbs = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            logProbs[c] = candidates.get(c).logProb();
        }
        if (chosen >= 0) {
            int[] x = tokens.get(chosen);
            for (int j = 0; j < x.length; j++) {
                drafts.add(new DraftToken(x[j], null, candidates.get(chosen).origins().get(j), List.of()));
            }
        }
        int m = best.acceptedCount();
        int[] context = java.util.Arrays.copyOf(sequence, sequence.length + m);
        for (int j = 0; j < m; j++) {
            context[sequence.length + j] = drafts.get(j).token();
        }
        int row = m == 0 ? 0 : 1 + trie.node(chosen, m - 1);
        scorer.remember(context, context.length - 1, new float[][] {pass.hidden()[row]});
        CandidateTree tree = chosen < 0 ? null : new CandidateTree(tokens, logProbs, chosen, trie.size());
        return conclude(scope, id, parent, sequence, drafts, best, 1.0, tree, p.apply(row)[best.extraToken()]);
    }

    /** Turns a decided review into emitted tokens, ghosts and the review record. */
    private List<DraftToken> conclude(StepScope scope, int id, int[] parent, int[] sequence, List<DraftToken> drafts,
                                      ReviewOutcome o, double lenience, CandidateTree tree, double extraProbability) {
        int n = drafts.size();
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = drafts.get(i).token();
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (PositionDecision d : o.decisions()) {
            verdicts.add(new Verdict(level, name, d.reviewerProbability(), d.proposalProbability(),
                    d.acceptanceProbability(), d.uniform(), d.accepted()));
        }
        int m = o.acceptedCount();
        List<DraftToken> emitted = new ArrayList<>(m + 1);
        for (int i = 0; i < m; i++) {
            emitted.add(drafts.get(i).acceptedBy(verdicts.get(i), o.emittedDistributions().get(i)));
        }
        emitted.add(new DraftToken(o.extraToken(), o.emittedDistributions().get(m),
                TokenOrigin.reviewer(level, name, o.isBonus()), List.of()));
        for (int i = m; i < n; i++) {
            boolean tested = i == m;
            List<Verdict> vs = new ArrayList<>(drafts.get(i).verdicts());
            if (tested) {
                vs.add(verdicts.get(i));
            }
            scope.recorder().ghost(new GhostToken(x[i], sequence.length + i, drafts.get(i).origin(), level, tested, vs));
        }
        List<TokenOrigin> origins = new ArrayList<>(n);
        drafts.forEach(d -> origins.add(d.origin()));
        scope.recorder().review(new ReviewRecord(id, parent[0], parent[1], level, name, lenience, sequence.length, x,
                origins, m, o.extraToken(), o.isBonus(), verdicts, tree, extraProbability));
        return emitted;
    }

    /** Horizontal cascade: segment i from below[i] until the running total reaches K[level][level..level+i]. */
    private List<DraftToken> buildDraft(StepScope scope, int[] sequence, int id) {
        // the reviewer's own token needs a position too, within the run's context and this reviewer's own
        int room = Math.min(scope.limit(), scorer.capacity()) - sequence.length - 1;
        List<DraftToken> copy = fastPathCopy(scope, sequence, id, room);
        if (!copy.isEmpty()) {
            return copy;
        }
        List<DraftToken> out = new ArrayList<>();
        int threshold = 0;
        boolean cut = false;
        for (int i = 0; i < below.size() && !cut; i++) {
            threshold += scope.kMatrix() != null && level + i < scope.kMatrix().size() ? scope.kMatrix().get(level, level + i) : 0;
            threshold = Math.min(threshold, room);
            scope.recorder().enterSegment(id, i);
            try {
                while (out.size() < threshold) {
                    scope.checkCancelled();
                    List<DraftToken> more = below.get(i).draft(scope, concat(sequence, out), threshold - out.size());
                    if (more.isEmpty()) {
                        break;
                    }
                    if (cutAtUnconfident(scope, out, more)) {
                        cut = true; // the draft ends here: no later segment either
                        break;
                    }
                }
            } finally {
                scope.recorder().leaveSegment();
            }
        }
        return out.size() > room ? new ArrayList<>(out.subList(0, Math.max(0, room))) : out;
    }

    /**
     * Adds {@code more} to {@code out}; for the target's draft under a confidence cut-off, only up to
     * the first token its drafter gave less probability than the cut-off. Returns true when it cut.
     */
    private boolean cutAtUnconfident(StepScope scope, List<DraftToken> out, List<DraftToken> more) {
        if (level != 0 || scope.confidenceCutoff() <= 0) {
            out.addAll(more);
            return false;
        }
        for (DraftToken d : more) {
            if (d.q() != null && d.q()[d.token()] < scope.confidenceCutoff()) {
                return true;
            }
            out.add(d);
        }
        return false;
    }

    /**
     * The target's draft straight from the bottom drafter when it offers a confident one and draft
     * models sit between them (see {@link CopyFastPath}); empty otherwise. Recorded as the last
     * segment, so traces and the inspector show who drafted it.
     */
    private List<DraftToken> fastPathCopy(StepScope scope, int[] sequence, int id, int room) {
        if (level != 0 || below.size() < 2) {
            return List.of();
        }
        scope.recorder().enterSegment(id, below.size() - 1);
        try {
            return below.get(below.size() - 1).fastPathDraft(scope, sequence, room);
        } finally {
            scope.recorder().leaveSegment();
        }
    }

    private static int[] concat(int[] sequence, List<DraftToken> drafts) {
        int[] s = java.util.Arrays.copyOf(sequence, sequence.length + drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            s[sequence.length + i] = drafts.get(i).token();
        }
        return s;
    }
}
