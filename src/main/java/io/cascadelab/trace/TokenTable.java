package io.cascadelab.trace;

import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.ByteLevelAlphabet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The text of every token a trace mentions, stored with the trace so that a replay shows the same
 * words without the model or its tokenizer.
 *
 * @param byteLevel true when {@code pieces} are byte-level vocabulary symbols (GPT-2 style), decoded
 *                  together as UTF-8 exactly as the tokenizer does (a character may span tokens);
 *                  false when they are plain text pieces, concatenated
 * @param pieces    id → vocabulary symbol (byte-level) or text
 */
public record TokenTable(boolean byteLevel, Map<Integer, String> pieces) {

    /** No texts: a trace written before token texts were stored (ids are then shown in brackets). */
    public static final TokenTable EMPTY = new TokenTable(false, Map.of());

    public TokenTable {
        pieces = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pieces == null ? Map.of() : pieces));
    }

    /** True when the table holds no texts. */
    public boolean isEmpty() {
        return pieces.isEmpty();
    }

    /** The texts of {@code ids} as {@code tokenizer} decodes them; EMPTY without a tokenizer. */
    public static TokenTable of(TextTokenizer tokenizer, Set<Integer> ids) {
        if (tokenizer == null) {
            return EMPTY;
        }
        Map<Integer, String> symbols = new TreeMap<>();
        Map<Integer, String> texts = new TreeMap<>();
        boolean byteLevel = true;
        for (int id : new TreeSet<>(ids)) {
            String text = tokenizer.decode(new int[] {id});
            texts.put(id, text);
            String symbol = tokenizer.token(id);
            // byte-level only if every symbol decodes, byte for byte, to what the tokenizer says
            if (byteLevel && (symbol == null || !sameAsTokenizer(symbol, text))) {
                byteLevel = false;
            }
            symbols.put(id, symbol);
        }
        return byteLevel ? new TokenTable(true, symbols) : new TokenTable(false, texts);
    }

    private static boolean sameAsTokenizer(String symbol, String text) {
        try {
            return new String(ByteLevelAlphabet.decodeBytes(symbol), StandardCharsets.UTF_8).equals(text);
        } catch (IllegalArgumentException notByteLevel) {
            return false;
        }
    }

    /** Every token id the trace mentions: prompt, emitted, drafted, rejected and the reviewers' own. */
    public static Set<Integer> idsOf(int[] prompt, Iterable<StepEvent> steps) {
        Set<Integer> ids = new TreeSet<>();
        for (int t : prompt) {
            ids.add(t);
        }
        for (StepEvent s : steps) {
            s.emitted().forEach(e -> ids.add(e.token()));
            s.ghosts().forEach(g -> ids.add(g.token()));
            for (ReviewRecord r : s.reviews()) {
                for (int t : r.drafted()) {
                    ids.add(t);
                }
                ids.add(r.extraToken());
            }
        }
        return ids;
    }

    /** Text of an id sequence; ids missing from the table appear as ⟨id⟩. */
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            String piece = pieces.get(id);
            if (piece == null) {
                flush(bytes, out);
                out.append('⟨').append(id).append('⟩');
            } else if (byteLevel) {
                bytes.writeBytes(ByteLevelAlphabet.decodeBytes(piece));
            } else {
                out.append(piece);
            }
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }
}
