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
 */
public record ReviewRecord(int id, int parentId, int segment, int level, String reviewer, double lenience,
                           int start, int[] drafted, List<TokenOrigin> origins, int accepted, int extraToken,
                           boolean bonus, List<Verdict> verdicts) {

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
