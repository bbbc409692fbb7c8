package io.cascadelab.model;

/**
 * Compares two tokenizers id by id; drafters and target must produce the same ids for the same text.
 *
 * @param firstDifferingId the first id whose token differs, or -1 when the tables are equal
 */
public record TokenizerMismatch(int firstDifferingId, String leftToken, String rightToken, int leftSize,
                                int rightSize) {

    /** Null when {@code a} and {@code b} have identical id → token tables. */
    public static TokenizerMismatch compare(TextTokenizer a, TextTokenizer b) {
        String[] x = a.table();
        String[] y = b.table();
        int n = Math.max(x.length, y.length);
        for (int i = 0; i < n; i++) {
            String l = i < x.length ? x[i] : null;
            String r = i < y.length ? y[i] : null;
            if (l == null ? r != null : !l.equals(r)) {
                return new TokenizerMismatch(i, l, r, x.length, y.length);
            }
        }
        return null;
    }

    /** A sentence for an error dialog. */
    public String describe(String leftName, String rightName) {
        return "tokenizers differ: id " + firstDifferingId + " is " + quote(leftToken) + " in " + leftName
                + " but " + quote(rightToken) + " in " + rightName + " (vocabularies of " + leftSize + " and "
                + rightSize + " tokens); drafters must use the target's tokenizer";
    }

    private static String quote(String s) {
        return s == null ? "absent" : "'" + s + "'";
    }
}
