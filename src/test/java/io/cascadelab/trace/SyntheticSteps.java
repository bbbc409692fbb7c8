package io.cascadelab.trace;

import io.cascadelab.draft.CopySource;

import java.util.ArrayList;
import java.util.List;

/** Hand-made step events for metric tests: a target review of {@code drafted} Max-Gram tokens. */
public final class SyntheticSteps {

    private SyntheticSteps() {
    }

    /**
     * One step: the target reviewed {@code drafted} tokens and accepted the first {@code accepted};
     * {@code draftPasses} forward passes of a model called "draft" happened while drafting.
     */
    public static StepEvent step(int index, int drafted, int accepted, int draftPasses) {
        TokenOrigin mag = TokenOrigin.drafted(1, "MaG", "mag", CopySource.bigram());
        List<TokenOrigin> origins = new ArrayList<>();
        int[] tokens = new int[drafted];
        for (int j = 0; j < drafted; j++) {
            origins.add(mag);
            tokens[j] = 10 + j;
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int j = 0; j < Math.min(drafted, accepted + 1); j++) {
            verdicts.add(new Verdict(0, "target", 0.5, 1, j < accepted ? 1 : 0, Double.NaN, j < accepted));
        }
        ReviewRecord r = new ReviewRecord(0, -1, -1, 0, "target", 1, 5, tokens, origins, accepted, 99,
                accepted == drafted, verdicts);
        List<EmittedToken> emitted = new ArrayList<>();
        for (int j = 0; j <= accepted; j++) {
            emitted.add(new EmittedToken(j < accepted ? tokens[j] : 99, 5 + j, j < accepted ? mag
                    : TokenOrigin.reviewer(0, "target", accepted == drafted), List.of()));
        }
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < draftPasses; i++) {
            calls.add(new CallRecord(0, 1, "draft", 1, 1, 0, 1000));
        }
        calls.add(new CallRecord(0, 0, "target", drafted + 1, drafted, 0, 5000));
        return new StepEvent(index, index * 10_000L, 10_000L, emitted, List.of(), List.of(r), calls);
    }
}
