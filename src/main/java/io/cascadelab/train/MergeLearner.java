package io.cascadelab.train;

import io.cascadelab.model.ByteLevelAlphabet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The BPE merge loop over a word-frequency table. Pair counts are kept incrementally: a merge
 * only revisits the words that contain the merged pair (found through a pair-to-words index),
 * and a lazily refreshed priority queue yields the next best pair.
 */
final class MergeLearner {

    /** Learned vocabulary (id = index; ids 0..255 are the byte symbols) and merges in rank order. */
    record Result(List<String> tokens, List<BpeModel.Merge> merges) {
    }

    /** A queued pair with the count it had when queued; stale entries are refreshed on poll. */
    private record Candidate(long pair, long count, String left, String right) {
    }

    // Most frequent first; ties go to the lexicographically smallest (left, right) token strings.
    private static final Comparator<Candidate> ORDER = Comparator
            .comparingLong((Candidate c) -> -c.count)
            .thenComparing(Candidate::left)
            .thenComparing(Candidate::right);

    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> tokenIds = new HashMap<>();
    private final List<BpeModel.Merge> merges = new ArrayList<>();
    private final Set<Long> mergedPairs = new HashSet<>();

    private final int[][] words;
    private final int[] lengths;
    private final long[] freqs;
    private final Map<Long, long[]> pairCounts = new HashMap<>();
    // Word indices that contained a pair at some point; may hold stale or repeated entries,
    // which are harmless because merging a word that lacks the pair changes nothing.
    private final Map<Long, IntList> pairWords = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(ORDER);

    MergeLearner(List<WordCounter.WordCount> wordCounts) {
        for (int b = 0; b < 256; b++) {
            addToken(String.valueOf(ByteLevelAlphabet.symbol(b)));
        }
        int n = wordCounts.size();
        words = new int[n][];
        lengths = new int[n];
        freqs = new long[n];
        for (int w = 0; w < n; w++) {
            String symbols = wordCounts.get(w).symbols();
            int[] ids = new int[symbols.length()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokenIds.get(String.valueOf(symbols.charAt(i)));
            }
            words[w] = ids;
            lengths[w] = ids.length;
            freqs[w] = wordCounts.get(w).count();
            for (int i = 0; i + 1 < ids.length; i++) {
                long pair = pair(ids[i], ids[i + 1]);
                addCount(pair, freqs[w]);
                indexWord(pair, w);
            }
        }
        pairCounts.forEach((pair, count) -> queue.add(candidate(pair, count[0])));
    }

    /**
     * Merges until the vocabulary holds {@code targetSize} tokens, no pair reaches
     * {@code minFrequency}, or no pairs are left.
     */
    Result learn(int targetSize, long minFrequency, BpeTokenizerTrainer.ProgressListener progress,
                 BooleanSupplier cancelled) {
        int total = Math.max(0, targetSize - tokens.size());
        int done = 0;
        progress.onProgress(0, total);
        while (tokens.size() < targetSize && !queue.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("tokenizer training cancelled");
            }
            Candidate best = queue.poll();
            long actual = count(best.pair);
            if (actual != best.count) {
                if (actual > 0) {
                    queue.add(candidate(best.pair, actual));
                }
                continue;
            }
            if (actual < minFrequency) {
                break; // best.count is the true maximum, so nothing else qualifies either
            }
            int sizeBefore = tokens.size();
            merge(best);
            if (tokens.size() > sizeBefore) {
                done++;
                progress.onProgress(done, total);
            }
        }
        return new Result(List.copyOf(tokens), List.copyOf(merges));
    }

    private void merge(Candidate best) {
        int left = (int) (best.pair >>> 32);
        int right = (int) best.pair;
        String merged = best.left + best.right;
        // Two different pairs can spell the same string (e.g. "ab"+"c" and "a"+"bc"); like HF's
        // trainer we reuse the existing id, so such a merge adds a rule but no vocabulary entry.
        Integer existing = tokenIds.get(merged);
        int newId = existing != null ? existing : addToken(merged);
        if (mergedPairs.add(best.pair)) {
            merges.add(new BpeModel.Merge(best.left, best.right));
        }
        Set<Long> newPairs = new HashSet<>();
        IntList affected = pairWords.remove(best.pair);
        if (affected == null) {
            return; // cannot happen while counts and index agree; nothing to rewrite anyway
        }
        for (int k = 0; k < affected.size(); k++) {
            mergeInWord(affected.get(k), left, right, newId, newPairs);
        }
        for (long pair : newPairs) {
            long c = count(pair);
            if (c > 0) {
                queue.add(candidate(pair, c));
            }
        }
    }

    private void mergeInWord(int w, int left, int right, int newId, Set<Long> newPairs) {
        int[] s = words[w];
        int n = lengths[w];
        if (!contains(s, n, left, right)) {
            return; // stale index entry, or the word was already handled
        }
        long f = freqs[w];
        // Recount the whole (short) word instead of patching neighbours: simpler to get right
        // for overlapping runs like "aaa", and words are a handful of symbols long.
        for (int i = 0; i + 1 < n; i++) {
            addCount(pair(s[i], s[i + 1]), -f);
        }
        int j = 0;
        for (int i = 0; i < n; ) {
            if (i + 1 < n && s[i] == left && s[i + 1] == right) {
                s[j++] = newId;
                i += 2;
            } else {
                s[j++] = s[i++];
            }
        }
        lengths[w] = j;
        for (int i = 0; i + 1 < j; i++) {
            long pair = pair(s[i], s[i + 1]);
            addCount(pair, f);
            if (s[i] == newId || s[i + 1] == newId) {
                indexWord(pair, w);
                newPairs.add(pair);
            }
        }
    }

    private static boolean contains(int[] s, int n, int left, int right) {
        for (int i = 0; i + 1 < n; i++) {
            if (s[i] == left && s[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    private int addToken(String token) {
        int id = tokens.size();
        tokens.add(token);
        tokenIds.put(token, id);
        return id;
    }

    private Candidate candidate(long pair, long count) {
        return new Candidate(pair, count, tokens.get((int) (pair >>> 32)), tokens.get((int) pair));
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private long count(long pair) {
        long[] c = pairCounts.get(pair);
        return c == null ? 0 : c[0];
    }

    private void addCount(long pair, long delta) {
        long[] c = pairCounts.computeIfAbsent(pair, k -> new long[1]);
        c[0] += delta;
        if (c[0] == 0) {
            pairCounts.remove(pair); // keeps the map at the size of the live pairs
        }
    }

    private void indexWord(long pair, int w) {
        IntList list = pairWords.computeIfAbsent(pair, k -> new IntList());
        if (list.size() == 0 || list.get(list.size() - 1) != w) {
            list.add(w);
        }
    }

    /** Growable int array; avoids boxing millions of word indices. */
    private static final class IntList {
        private int[] data = new int[4];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }
    }
}
