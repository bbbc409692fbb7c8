package io.cascadelab.decode;

import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.MaxGramProposal;
import io.cascadelab.trace.CallRecord;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.List;

/** Max-Gram as the bottom level of a cascade: deterministic proposals (q one-hot), cost ≈ 0. */
public final class MaxGramLevel implements Drafter {

    private final MaxGramDrafter maxGram;
    private final int level;

    public MaxGramLevel(MaxGramDrafter maxGram, int level) {
        this.maxGram = maxGram;
        this.level = level;
    }

    @Override
    public String name() {
        return "MaG";
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        long t0 = System.nanoTime();
        int room = Math.min(wanted, scope.limit() - sequence.length);
        List<MaxGramProposal> proposals = room <= 0 ? List.of() : maxGram.propose(sequence, scope.promptLength(), room);
        long dt = System.nanoTime() - t0;
        int[] parent = scope.recorder().currentParent();
        scope.recorder().call(new CallRecord(parent[0], level, name(), 0, proposals.size(),
                scope.recorder().sinceStart(t0), dt));
        List<DraftToken> out = new ArrayList<>(proposals.size());
        for (MaxGramProposal p : proposals) {
            out.add(new DraftToken(p.token(), null, TokenOrigin.maxGram(level, p.source()), List.of()));
        }
        return out;
    }
}
