package io.cascadelab.train;

import io.cascadelab.model.ByteLevelAlphabet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Textbook BPE that recounts every pair before each merge: slow, obviously right, for cross-checks. */
final class NaiveBpe {

    private NaiveBpe() {
    }

    /** Merges learned from the given documents, with the trainer's ordering and stopping rules. */
    static List<BpeModel.Merge> merges(List<String> texts, int learnedVocabSize, long minFrequency) {
        Map<String, long[]> counts = new HashMap<>();
        for (String text : texts) {
            Gpt2PreTokenizer.split(text, w -> counts.computeIfAbsent(ByteLevelAlphabet.encode(w), k -> new long[1])[0]++);
        }
        List<List<String>> words = new ArrayList<>();
        List<Long> freqs = new ArrayList<>();
        counts.forEach((w, c) -> {
            List<String> symbols = new ArrayList<>();
            w.chars().forEach(ch -> symbols.add(String.valueOf((char) ch)));
            words.add(symbols);
            freqs.add(c[0]);
        });
        Set<String> vocab = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            vocab.add(String.valueOf(ByteLevelAlphabet.symbol(b)));
        }
        List<BpeModel.Merge> merges = new ArrayList<>();
        while (vocab.size() < learnedVocabSize) {
            Map<BpeModel.Merge, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(new BpeModel.Merge(s.get(i), s.get(i + 1)), freqs.get(w), Long::sum);
                }
            }
            BpeModel.Merge best = null;
            long bestCount = 0;
            for (Map.Entry<BpeModel.Merge, Long> e : pairs.entrySet()) {
                BpeModel.Merge m = e.getKey();
                long c = e.getValue();
                if (best == null || c > bestCount || (c == bestCount && compare(m, best) < 0)) {
                    best = m;
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minFrequency) {
                break;
            }
            if (!merges.contains(best)) {
                merges.add(best);
            }
            vocab.add(best.merged());
            for (List<String> s : words) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(best.left()) && s.get(i + 1).equals(best.right())) {
                        s.set(i, best.merged());
                        s.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    private static int compare(BpeModel.Merge a, BpeModel.Merge b) {
        int c = a.left().compareTo(b.left());
        return c != 0 ? c : a.right().compareTo(b.right());
    }
}
