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
 * @param byteLevel           true when {@code pieces} are byte-level vocabulary symbols (GPT-2 style), decoded
 *                            together as UTF-8 exactly as the tokenizer does (a character may span tokens);
 *                            false when they are plain text pieces, concatenated
 * @param pieces              id → vocabulary symbol (byte-level) or text
 * @param leadingSpaceDropped for plain pieces: each piece is the token's text inside a text, and the
 *                            tokenizer drops the space a text starts with (SentencePiece's "▁" word marker
 *                            at the start), so {@link #decode} drops it too; false in older traces
 */
public record TokenTable(boolean byteLevel, Map<Integer, String> pieces, boolean leadingSpaceDropped) {

    /** No texts: a trace written before token texts were stored (ids are then shown in brackets). */
    public static final TokenTable EMPTY = new TokenTable(false, Map.of());

    public TokenTable {
        pieces = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pieces == null ? Map.of() : pieces));
    }

    /** A table whose pieces concatenate as they are (byte-level, or plain texts no tokenizer trims). */
    public TokenTable(boolean byteLevel, Map<Integer, String> pieces) {
        this(byteLevel, pieces, false);
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
        boolean dropsLeadingSpace = false;
        for (int id : new TreeSet<>(ids)) {
            String alone = tokenizer.decode(new int[] {id});
            // a SentencePiece word's space shows only inside a text: "▁of" alone decodes to "of"
            String once = tokenizer.decode(new int[] {id, id});
            String inside = once.startsWith(alone) ? once.substring(alone.length()) : alone;
            boolean dropped = inside.equals(" " + alone);
            dropsLeadingSpace |= dropped;
            texts.put(id, dropped ? inside : alone);
            String symbol = tokenizer.token(id);
            // byte-level only if every symbol decodes, byte for byte, to what the tokenizer says
            if (byteLevel && (symbol == null || !sameAsTokenizer(symbol, alone))) {
                byteLevel = false;
            }
            symbols.put(id, symbol);
        }
        return byteLevel ? new TokenTable(true, symbols) : new TokenTable(false, texts, dropsLeadingSpace);
    }

    private static boolean sameAsTokenizer(String symbol, String text) {
        try {
            return new String(ByteLevelAlphabet.decodeBytes(symbol), StandardCharsets.UTF_8).equals(text);
        } catch (IllegalArgumentException notByteLevel) {
            return false;
        }
    }

    /**
     * Every token id the trace mentions: the input (an encoder input and the decoded start, see
     * {@link RunHeader#inputIds}), emitted, drafted, rejected and the reviewers' own.
     */
    public static Set<Integer> idsOf(int[] input, Iterable<StepEvent> steps) {
        Set<Integer> ids = new TreeSet<>();
        for (int t : input) {
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
        return leadingSpaceDropped && !out.isEmpty() && out.charAt(0) == ' ' ? out.substring(1) : out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }
}
