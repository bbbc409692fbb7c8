package io.cascadelab.draft.speculator;

import io.cascadelab.decode.DraftCandidate;
import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.Distribution;
import io.cascadelab.decode.ModelScorer;
import io.cascadelab.decode.StepScope;
import io.cascadelab.draft.HeadTopK;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLP speculator as drafter d_1, directly below the target. It is conditioned on the target's
 * final hidden state at the position that emitted the sequence's last token, which the target's
 * {@link ModelScorer} kept from its last pass, and on that last token; it then runs its heads as a
 * chain, head i choosing token i from its processed distribution: the argmax when greedy (q
 * one-hot), a draw when sampling (q = that distribution, so the target's speculative sampling stays
 * exact). In tree mode the target calls {@link #candidates} instead and verifies a candidate tree.
 *
 * <p>It can only continue a sequence the target has scored: asked again within one step (its
 * segment wants more tokens than it has heads) it proposes nothing, and the next segment's drafter
 * (Max-Gram) fills the remaining positions.
 */
public final class SpeculatorLevel implements Drafter {

    private final MlpSpeculator speculator;
    private final String name;
    private final int level;
    private final ModelScorer target;
    private final int heads;
    private final boolean tree;

    /**
     * @param target the target's scorer, created with {@code keepHidden}
     * @param heads  heads to run (at most n_predict)
     * @param tree   propose a candidate tree (greedy only) instead of a chain
     */
    public SpeculatorLevel(MlpSpeculator speculator, String name, int level, ModelScorer target, int heads,
                           boolean tree) {
        if (heads < 1) {
            throw new IllegalArgumentException("an MLP speculator runs at least one head, got " + heads);
        }
        this.speculator = speculator;
        this.name = name;
        this.level = level;
        this.target = target;
        this.heads = Math.min(heads, speculator.config().nPredict());
        this.tree = tree;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int level() {
        return level;
    }

    /** Heads it runs per draft. */
    public int heads() {
        return heads;
    }

    @Override
    public boolean proposesTree() {
        return tree;
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        float[] hidden = target.hiddenBeforeLast(sequence);
        int n = Math.min(Math.min(wanted, heads), scope.limit() - sequence.length);
        if (hidden == null || n <= 0) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<DraftToken> out = new ArrayList<>(n);
        try (MlpSpeculator.Chain chain = speculator.chain(hidden)) {
            int token = sequence[sequence.length - 1];
            for (int i = 0; i < n; i++) {
                float[] q = scope.sampling().filter(chain.next(token, scope.sampling().softmaxTemperature()));
                token = scope.sampling().greedy() ? Distribution.argmax(q) : Distribution.sample(q, scope.random());
                HeadTopK top = HeadTopK.of(i, q, speculator.config().topKPerHead().get(i));
                // greedy: the choice is deterministic, so the proposal is one-hot (null)
                out.add(new DraftToken(token, scope.sampling().greedy() ? null : q, origin(i, top), List.of()));
            }
        }
        long dt = System.nanoTime() - t0;
        int[] parent = scope.recorder().currentParent();
        scope.recorder().call(new CallRecord(parent[0], level, name, 1, out.size(), scope.recorder().sinceStart(t0), dt));
        return out;
    }

    /**
     * The candidate tree after {@code sequence} (top-k per head, best n_candidates by summed
     * log-probability, from the checkpoint's config), or nothing when the target's hidden state for
     * the sequence is not known. Fewer heads run when the context is nearly full.
     */
    @Override
    public List<DraftCandidate> candidates(StepScope scope, int[] sequence) {
        float[] hidden = target.hiddenBeforeLast(sequence);
        int n = Math.min(heads, scope.limit() - sequence.length - 1);
        if (hidden == null || n <= 0) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<MlpSpeculator.Candidate> found = speculator.candidates(hidden, sequence[sequence.length - 1],
                speculator.config().topKPerHead().subList(0, n), speculator.config().nCandidates());
        long dt = System.nanoTime() - t0;
        int[] parent = scope.recorder().currentParent();
        scope.recorder().call(new CallRecord(parent[0], level, name, 1, found.size() * n, scope.recorder().sinceStart(t0), dt));
        List<DraftCandidate> out = new ArrayList<>(found.size());
        for (MlpSpeculator.Candidate c : found) {
            List<TokenOrigin> origins = new ArrayList<>();
            for (int j = 0; j < c.heads().size(); j++) {
                origins.add(origin(j, c.heads().get(j)));
            }
            out.add(new DraftCandidate(c.tokens(), c.logProb(), origins));
        }
        return out;
    }

    private TokenOrigin origin(int head, HeadTopK top) {
        return TokenOrigin.head(level, name, SpeculatorKind.ID, head, top);
    }
}
