package io.cascadelab.draft;

import java.util.ArrayList;
import java.util.List;

/**
 * Max-Gram (MaG), the statistical drafter at the bottom of every cascade: copies what followed
 * the longest earlier match of the current suffix, then falls back to a bigram table.
 *
 * <p>For a current sequence s = prompt + generated of length L:
 * <ol>
 *   <li>The match length of an earlier position e is the length of the longest common suffix of
 *       s[0..e] and s[0..L−1]: the last token must agree (a 1-token match suffices) and the match
 *       extends backwards while the previous tokens still agree. All of them come from one
 *       O(L) Z-function pass over the reversed sequence, so a call costs a linear scan.</li>
 *   <li>Candidate positions are e ≤ L − 3: the final position L − 1 is the suffix itself, and the
 *       proposal copies s[e+1 ..] but, as in the paper's code, never the token at the current
 *       end L − 1, so at least one follower in s[0..L−2] must exist.</li>
 *   <li>Prompt first: the longest match among prompt positions (e &lt; prompt length), the
 *       earliest on ties. Only if the prompt holds no match are the generated positions
 *       searched, again longest then earliest.</li>
 *   <li>The match's followers s[e+1 .. min(e+n, L−2)] are proposed; each names its own region
 *       and index (a prompt match near the prompt's end may continue into generated text).</li>
 *   <li>If fewer than n tokens came back, the bigram table extends the chain from the last
 *       proposed token (or from s[L−1] when nothing matched) until n tokens or an unknown
 *       successor. Re-matching from the extended suffix would find more copies but costs another
 *       scan per token; the bigram keeps this drafter simple and its cost flat.</li>
 * </ol>
 * Without a bigram table only matched tokens are proposed, possibly none; callers must treat an
 * empty proposal as "Max-Gram has nothing to offer" rather than loop on it. Proposals are
 * deterministic (q is one-hot). Instances are immutable and thread-safe.
 */
public final class MaxGramDrafter {

    private final BigramTable bigram;

    /** Max-Gram without a bigram fallback. */
    public MaxGramDrafter() {
        this(null);
    }

    /** Max-Gram with a bigram fallback ({@code null} for none). */
    public MaxGramDrafter(BigramTable bigram) {
        this.bigram = bigram;
    }

    /** The bigram fallback, or null. */
    public BigramTable bigram() {
        return bigram;
    }

    /** Proposes up to {@code n} tokens to follow {@code prompt + generated}. */
    public List<MaxGramProposal> propose(int[] prompt, int[] generated, int n) {
        int[] sequence = new int[prompt.length + generated.length];
        System.arraycopy(prompt, 0, sequence, 0, prompt.length);
        System.arraycopy(generated, 0, sequence, prompt.length, generated.length);
        return propose(sequence, prompt.length, n);
    }

    /**
     * Proposes up to {@code n} tokens to follow {@code sequence}, whose first
     * {@code promptLength} tokens are the prompt (for callers that keep one buffer).
     */
    public List<MaxGramProposal> propose(int[] sequence, int promptLength, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of tokens to propose must be >= 0, got " + n);
        }
        if (promptLength < 0 || promptLength > sequence.length) {
            throw new IllegalArgumentException("prompt length " + promptLength + " outside 0.." + sequence.length);
        }
        List<MaxGramProposal> out = new ArrayList<>(n);
        int length = sequence.length;
        if (n == 0 || length == 0) {
            return out;
        }
        int lastCandidate = length - 3;
        int[] matchAt = suffixMatchLengths(sequence);
        int e = longestEarliest(matchAt, length, 0, Math.min(promptLength - 1, lastCandidate));
        if (e < 0) {
            e = longestEarliest(matchAt, length, promptLength, lastCandidate);
        }
        if (e >= 0) {
            int matchLength = matchAt[length - 1 - e];
            for (int pos = e + 1; pos <= length - 2 && out.size() < n; pos++) {
                CopySource source = pos < promptLength
                        ? new CopySource(CopySource.Kind.PROMPT, pos, matchLength)
                        : new CopySource(CopySource.Kind.GENERATED, pos - promptLength, matchLength);
                out.add(new MaxGramProposal(sequence[pos], source));
            }
        }
        if (bigram != null) {
            int previous = out.isEmpty() ? sequence[length - 1] : out.get(out.size() - 1).token();
            while (out.size() < n) {
                int next = bigram.next(previous);
                if (next == BigramTable.NONE) {
                    break;
                }
                out.add(new MaxGramProposal(next, CopySource.bigram()));
                previous = next;
            }
        }
        return out;
    }

    /** The tokens of a proposal list, in order. */
    public static int[] tokens(List<MaxGramProposal> proposals) {
        int[] tokens = new int[proposals.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = proposals.get(i).token();
        }
        return tokens;
    }

    // Position in [from, to] with the longest match (>= 1), the earliest on ties; -1 if none.
    private static int longestEarliest(int[] matchAt, int length, int from, int to) {
        int best = -1;
        int bestLength = 0;
        for (int e = from; e <= to; e++) {
            int m = matchAt[length - 1 - e];
            if (m > bestLength) {
                best = e;
                bestLength = m;
            }
        }
        return best;
    }

    /**
     * Z-function of the reversed sequence: entry i is the length of the longest common suffix of
     * s[0..L−1] and s[0..L−1−i], i.e. the match length of the earlier end position L−1−i.
     */
    static int[] suffixMatchLengths(int[] s) {
        int length = s.length;
        int[] z = new int[length];
        if (length == 0) {
            return z;
        }
        z[0] = length;
        int left = 0;
        int right = 0;
        for (int i = 1; i < length; i++) {
            if (i < right) {
                z[i] = Math.min(right - i, z[i - left]);
            }
            // reversed[k] = s[length - 1 - k]
            while (i + z[i] < length && s[length - 1 - z[i]] == s[length - 1 - i - z[i]]) {
                z[i]++;
            }
            if (i + z[i] > right) {
                left = i;
                right = i + z[i];
            }
        }
        return z;
    }
}
