package io.cascadelab.trace;

import java.util.List;

/**
 * One review: reviewer {@code level} scored a draft starting at sequence position {@code start}
 * and kept {@code accepted} tokens plus one of its own.
 *
 * @param parentId the review whose draft this review's output became (-1 for the target's review)
 * @param segment  index of the horizontal segment of the parent's draft this review filled (-1 at top)
 * @param drafted  the drafted tokens, in order
 * @param origins  who proposed each drafted token
 * @param verdicts the reviewer's decision on each tested token (accepted + 1 rejected, or all)
 * @param tree     for a candidate-tree review: every candidate offered ({@code drafted} is then the
 *                 chosen one); null for an ordinary review (and in traces written before trees existed)
 * @param extraProbability the reviewer's probability of its own token (after sampling filters); null
 *                 in traces written before it was stored
 */
public record ReviewRecord(int id, int parentId, int segment, int level, String reviewer, double lenience,
                           int start, int[] drafted, List<TokenOrigin> origins, int accepted, int extraToken,
                           boolean bonus, List<Verdict> verdicts, CandidateTree tree, Double extraProbability) {

    /** A review without the probability of the reviewer's own token. */
    public ReviewRecord(int id, int parentId, int segment, int level, String reviewer, double lenience,
                        int start, int[] drafted, List<TokenOrigin> origins, int accepted, int extraToken,
                        boolean bonus, List<Verdict> verdicts, CandidateTree tree) {
        this(id, parentId, segment, level, reviewer, lenience, start, drafted, origins, accepted, extraToken, bonus,
                verdicts, tree, null);
    }

    /** An ordinary (single-draft) review. */
    public ReviewRecord(int id, int parentId, int segment, int level, String reviewer, double lenience,
                        int start, int[] drafted, List<TokenOrigin> origins, int accepted, int extraToken,
                        boolean bonus, List<Verdict> verdicts) {
        this(id, parentId, segment, level, reviewer, lenience, start, drafted, origins, accepted, extraToken, bonus,
                verdicts, null);
    }

    public ReviewRecord {
        drafted = drafted.clone();
        origins = List.copyOf(origins);
        verdicts = List.copyOf(verdicts);
    }

    @Override
    public int[] drafted() {
        return drafted.clone();
    }
}
