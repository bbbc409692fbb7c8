package io.cascadelab.ui.model;

import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One review of a step with the reviews that drafted for it: {@code segments} are the horizontal
 * segments of its draft, left to right, each holding the lower-level reviews that filled it (the
 * vertical cascade).
 */
public record ReviewNode(ReviewRecord review, List<List<ReviewNode>> segments) {

    public ReviewNode {
        segments = List.copyOf(segments);
    }

    /** The step's review tree, rooted at the target's review. */
    public static ReviewNode of(StepEvent step) {
        return build(step.targetReview(), step.reviews());
    }

    private static ReviewNode build(ReviewRecord r, List<ReviewRecord> all) {
        Map<Integer, List<ReviewNode>> bySegment = new TreeMap<>();
        for (ReviewRecord c : all) {
            if (c.parentId() == r.id() && c.id() != r.id()) {
                bySegment.computeIfAbsent(c.segment(), s -> new ArrayList<>()).add(build(c, all));
            }
        }
        return new ReviewNode(r, new ArrayList<>(bySegment.values()));
    }

    /** Reviews in this subtree, this one included. */
    public int size() {
        int n = 1;
        for (List<ReviewNode> seg : segments) {
            for (ReviewNode c : seg) {
                n += c.size();
            }
        }
        return n;
    }
}
