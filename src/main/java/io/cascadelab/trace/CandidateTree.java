package io.cascadelab.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidate tree an MLP speculator offered one target review: candidates best first (by summed
 * log-probability), verified together in one tree-attention pass; the review kept the longest
 * greedy match.
 *
 * @param candidates the candidate continuations, best first
 * @param logProbs   their summed log-probabilities under the speculator
 * @param chosen     index of the candidate whose prefix was accepted (the first with the longest match)
 * @param nodes      distinct tree nodes scored (shared prefixes counted once)
 */
public record CandidateTree(List<int[]> candidates, double[] logProbs, int chosen, int nodes) {

    public CandidateTree {
        List<int[]> copy = new ArrayList<>();
        candidates.forEach(c -> copy.add(c.clone()));
        candidates = List.copyOf(copy);
        logProbs = logProbs.clone();
    }
}
