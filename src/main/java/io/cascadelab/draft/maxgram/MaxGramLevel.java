package io.cascadelab.draft.maxgram;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.StepScope;
import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.MaxGramProposal;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Max-Gram as the bottom level of a cascade: deterministic proposals (q one-hot), cost ≈ 0. */
final class MaxGramLevel implements Drafter {

    private final MaxGramDrafter maxGram;
    private final String name;
    private final int level;
    private final CopyFastPath fastPath;

    MaxGramLevel(MaxGramDrafter maxGram, String name, int level, CopyFastPath fastPath) {
        this.maxGram = maxGram;
        this.name = name;
        this.level = level;
        this.fastPath = fastPath;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        long t0 = System.nanoTime();
        return record(scope, t0, propose(scope, sequence, wanted));
    }

    /**
     * The fast path's draft: the copy Max-Gram continues, when its suffix match is at least the fast
     * path's minimum, up to its maximum of tokens (never bigram guesses); empty when there is none.
     */
    @Override
    public List<DraftToken> fastPathDraft(StepScope scope, int[] sequence, int room) {
        if (!fastPath.enabled()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<MaxGramProposal> copy = new ArrayList<>();
        for (MaxGramProposal p : propose(scope, sequence, Math.min(room, fastPath.maxTokens()))) {
            if (p.source().kind() == CopySource.Kind.BIGRAM || p.source().matchLength() < fastPath.minMatch()) {
                break;
            }
            copy.add(p);
        }
        return copy.isEmpty() ? List.of() : record(scope, t0, copy);
    }

    private List<MaxGramProposal> propose(StepScope scope, int[] sequence, int wanted) {
        int room = Math.min(wanted, scope.limit() - sequence.length);
        if (room <= 0) {
            return List.of();
        }
        int[] input = scope.encoderInput();
        if (input.length == 0) {
            return maxGram.propose(sequence, scope.promptLength(), room);
        }
        // An encoder-decoder: Max-Gram copies from the encoder input and the decoded text as one
        // text; the decoded start token between them keeps a match from running across the seam.
        int[] text = Arrays.copyOf(input, input.length + sequence.length);
        System.arraycopy(sequence, 0, text, input.length, sequence.length);
        return maxGram.propose(text, input.length + scope.promptLength(), room);
    }

    /** Records the call (started at {@code t0}) and turns proposals into one-hot draft tokens. */
    private List<DraftToken> record(StepScope scope, long t0, List<MaxGramProposal> proposals) {
        scope.recorder().proposal(level, name, proposals.size(), t0);
        List<DraftToken> out = new ArrayList<>(proposals.size());
        for (MaxGramProposal p : proposals) {
            out.add(new DraftToken(p.token(), null, TokenOrigin.drafted(level, name, MaxGramKind.ID, p.source()), List.of()));
        }
        return out;
    }
}
