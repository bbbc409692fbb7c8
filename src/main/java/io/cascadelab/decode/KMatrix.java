package io.cascadelab.decode;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The k-matrix of Cascade Speculative Drafting for n drafter levels d_0 (largest) .. d_{n-1}
 * (smallest, always Max-Gram), stored as <b>per-segment increments</b> like the paper's reference
 * code; this is also the form the UI shows.
 *
 * <p>Entry {@code [r][j]} (0-based, upper triangular, j ≥ r) is how many draft tokens drafter
 * d_j contributes to the draft reviewed by level r: row 0 is the draft the <b>target</b>
 * reviews, row r ≥ 1 the draft that neural drafter d_{r-1} reviews. Along a row the segments
 * follow each other: positions 1..K[r][r] come from d_r, the next K[r][r+1] from d_{r+1}, and so
 * on. The paper writes the same matrix cumulatively (its k11, k12 = position up to which d2
 * drafts, …): {@code cumulative[r][j] = K[r][r] + … + K[r][j]}; see {@link #fromCumulative} and
 * {@link #toCumulative}. For example the reference FLAN-T5 setting is
 * {@code [[5,14,10],[0,1,10],[0,0,10]]} in increments, {@code [[5,19,29],[0,1,11],[0,0,10]]}
 * cumulatively; the target reviews 29 drafted tokens per step.
 *
 * <p>A row is <i>used</i> when its reviewer takes part: row 0 always, row r ≥ 1 when d_{r-1}
 * contributes to some used row above it. Every used row must total at least 1 token, otherwise its
 * reviewer would review empty drafts. Instances are immutable.
 */
public final class KMatrix {

    /** Most Max-Gram tokens {@link #expand} puts into one draft model's review (the paper's 10). */
    public static final int MAX_MAG_PER_REVIEW = 10;

    private static final KMatrix EMPTY = new KMatrix(new int[0][0]);

    private final int[][] increments;

    private KMatrix(int[][] increments) {
        this.increments = increments;
    }

    /** Validated k-matrix from per-segment increments (copied). */
    public static KMatrix of(int[][] increments) {
        int[][] copy = copySquare(increments, "k-matrix");
        int n = copy.length;
        if (n == 0) {
            throw new IllegalArgumentException("a k-matrix needs at least one drafter level (1x1)");
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < n; j++) {
                int v = copy[r][j];
                if (j < r && v != 0) {
                    throw new IllegalArgumentException("k-matrix entry [" + r + "][" + j + "] = " + v
                            + " lies below the diagonal: drafter d" + j + " cannot draft for level " + r
                            + ", which it is not below; entries below the diagonal must be 0");
                }
                if (v < 0) {
                    throw new IllegalArgumentException("k-matrix entry [" + r + "][" + j + "] = " + v
                            + " is negative: a drafter contributes 0 or more tokens");
                }
            }
        }
        KMatrix k = new KMatrix(copy);
        for (int r = 0; r < n; r++) {
            if (k.isRowUsed(r) && k.rowTotal(r) < 1) {
                throw new IllegalArgumentException("k-matrix row " + r + " (the draft " + reviewerName(r)
                        + " reviews) totals 0 tokens, but " + reviewerName(r)
                        + " takes part in the cascade: give it at least 1 draft token");
            }
        }
        return k;
    }

    /** Validated k-matrix from the paper's cumulative thresholds (non-decreasing along each row). */
    public static KMatrix fromCumulative(int[][] cumulative) {
        int[][] c = copySquare(cumulative, "cumulative k-matrix");
        int n = c.length;
        int[][] inc = new int[n][n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < r; j++) {
                inc[r][j] = c[r][j]; // left for of() to reject if non-zero
            }
            int previous = 0;
            for (int j = r; j < n; j++) {
                if (c[r][j] < previous) {
                    throw new IllegalArgumentException("cumulative k-matrix row " + r + " decreases at column "
                            + j + " (" + previous + " then " + c[r][j] + "): thresholds must not decrease");
                }
                inc[r][j] = c[r][j] - previous;
                previous = c[r][j];
            }
        }
        return of(inc);
    }

    /**
     * Parses {@code "5,14,10;0,1,10;0,0,10"} (rows separated by ';', entries by ','; whitespace
     * ignored) or the paper's {@code "[[5,14,10],[0,1,10],[0,0,10]]"}, as increments.
     */
    public static KMatrix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("k-matrix text is empty; expected e.g. \"5,14,10;0,1,10;0,0,10\"");
        }
        String s = text.replaceAll("\\s+", "");
        if (s.startsWith("[[") && s.endsWith("]]")) {
            s = s.substring(2, s.length() - 2).replace("],[", ";");
        }
        String[] rows = s.split(";", -1);
        int[][] values = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].split(",", -1);
            if (cells.length != rows.length) {
                throw new IllegalArgumentException("k-matrix row " + r + " \"" + rows[r] + "\" has " + cells.length
                        + " entries, expected " + rows.length + " (the matrix is square: one row and column per drafter)");
            }
            values[r] = new int[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    values[r][j] = Integer.parseInt(cells[j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("k-matrix entry [" + r + "][" + j + "] \"" + cells[j]
                            + "\" is not a whole number", e);
                }
            }
        }
        return of(values);
    }

    /**
     * The k-matrix the sliders mean by "k draft tokens per target step, cascade depth d"
     * (d = number of drafter levels below the target, Max-Gram included). Rule:
     * <ul>
     *   <li>depth 1: {@code [[k]]}, Max-Gram alone drafts for the target (prompt-lookup style).</li>
     *   <li>Row 0 (the target's draft, total exactly k): Max-Gram takes the tail,
     *       {@code ceil(0.4·k)} tokens but never so many that a draft model gets none; the
     *       remaining {@code k − mag} head positions go to the d − 1 draft models, at least 1 each,
     *       and beyond that split with weights 1 : 2 : 4 … from the largest to the smallest
     *       (largest-remainder rounding, ties to the smaller model). Larger models own the earliest
     *       positions but fewer of them, since each of their tokens costs a more expensive review
     *       (the paper's FLAN-T5 setting gives base 5 and small 14).</li>
     *   <li>Row r ≥ 1 (what draft model d_{r-1} reviews): 1 token from each smaller draft model
     *       (one review of it, which overshoots to as many tokens as it accepts) then
     *       {@code min(10, max(1, K[0][r-1]))} Max-Gram tokens: a model reviews at most as many
     *       Max-Gram tokens as it is asked to contribute to the target, which bounds how far its
     *       segment overshoots, and never more than the paper's 10.</li>
     * </ul>
     * Examples: {@code expand(23, 2) = [[13,10],[0,10]]} (exactly the paper's LLaMA setting),
     * {@code expand(29, 3) = [[6,11,12],[0,1,6],[0,0,10]]} (paper's FLAN-T5: [[5,14,10],[0,1,10],[0,0,10]]).
     *
     * @param k     draft tokens per target review, ≥ max(1, depth − 1)
     * @param depth drafter levels, ≥ 1
     */
    public static KMatrix expand(int k, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("cascade depth must be >= 1 (1 = Max-Gram only), got " + depth);
        }
        int models = depth - 1;
        if (k < Math.max(1, models)) {
            throw new IllegalArgumentException("k = " + k + " is too small for depth " + depth + ": the target needs"
                    + " at least " + Math.max(1, models) + " draft token(s), one per draft model");
        }
        int[][] inc = new int[depth][depth];
        int mag = depth == 1 ? k : Math.min((2 * k + 4) / 5, k - models); // ceil(0.4 k) in integers
        int[] shares = weightedShares(k - mag, models);
        System.arraycopy(shares, 0, inc[0], 0, models);
        inc[0][depth - 1] = mag;
        for (int r = 1; r < depth; r++) {
            for (int j = r; j < depth - 1; j++) {
                inc[r][j] = 1;
            }
            inc[r][depth - 1] = Math.min(MAX_MAG_PER_REVIEW, Math.max(1, inc[0][r - 1]));
        }
        return of(inc);
    }

    // total tokens over `parts` models: 1 each, the rest by weights 2^i (largest remainder, ties to later).
    private static int[] weightedShares(int total, int parts) {
        int[] shares = new int[parts];
        if (parts == 0) {
            return shares;
        }
        int rest = total - parts;
        double weightSum = Math.pow(2, parts) - 1;
        double[] remainder = new double[parts];
        int given = 0;
        for (int i = 0; i < parts; i++) {
            double ideal = rest * Math.pow(2, i) / weightSum;
            shares[i] = 1 + (int) Math.floor(ideal);
            remainder[i] = ideal - Math.floor(ideal);
            given += shares[i] - 1;
        }
        for (int left = rest - given; left > 0; left--) {
            int best = parts - 1;
            for (int i = parts - 1; i >= 0; i--) {
                if (remainder[i] > remainder[best] + 1e-12) {
                    best = i;
                }
            }
            shares[best]++;
            remainder[best] = -1;
        }
        return shares;
    }

    /** Number of drafter levels n (the matrix is n × n); 0 only for {@code sub()} of a 1 × 1 matrix. */
    public int size() {
        return increments.length;
    }

    /** Increment K[r][j]: tokens drafter d_j contributes to the draft reviewed by level r. */
    public int get(int row, int column) {
        return increments[row][column];
    }

    /** Cumulative threshold: the draft position (1-based, within row r) up to which d_j drafts. */
    public int cumulative(int row, int column) {
        if (column < row) {
            return 0;
        }
        int sum = 0;
        for (int j = row; j <= column; j++) {
            sum += increments[row][j];
        }
        return sum;
    }

    /** Tokens drafted per review at level r; {@code rowTotal(0)} = draft tokens per target review. */
    public int rowTotal(int row) {
        return cumulative(row, size() - 1);
    }

    /**
     * Whether row r's reviewer takes part in a step: row 0 always; row r ≥ 1 iff d_{r-1} has a
     * positive entry in some used row above.
     */
    public boolean isRowUsed(int row) {
        if (row == 0) {
            return true;
        }
        for (int above = 0; above < row; above++) {
            if (increments[above][row - 1] > 0 && isRowUsed(above)) {
                return true;
            }
        }
        return false;
    }

    /**
     * K without its first row and column: the k-matrix of the lower cascade in which d_0 is the
     * reviewer. Not re-validated (a row unused here may be empty); the sub of a 1 × 1 matrix is
     * the empty matrix, the recursion's base case (only Max-Gram left).
     */
    public KMatrix sub() {
        int n = size();
        if (n == 0) {
            throw new IllegalStateException("the empty k-matrix has no sub-matrix");
        }
        if (n == 1) {
            return EMPTY;
        }
        int[][] s = new int[n - 1][];
        for (int r = 1; r < n; r++) {
            s[r - 1] = Arrays.copyOfRange(increments[r], 1, n);
        }
        return new KMatrix(s);
    }

    /** The increments (a copy). */
    public int[][] toIncrements() {
        int[][] copy = new int[size()][];
        for (int r = 0; r < size(); r++) {
            copy[r] = increments[r].clone();
        }
        return copy;
    }

    /** The paper's cumulative form: row r, column j ≥ r holds K[r][r] + … + K[r][j]; 0 below the diagonal. */
    public int[][] toCumulative() {
        int n = size();
        int[][] c = new int[n][n];
        for (int r = 0; r < n; r++) {
            for (int j = r; j < n; j++) {
                c[r][j] = cumulative(r, j);
            }
        }
        return c;
    }

    /** The {@link #parse} form of the increments, e.g. {@code "5,14,10;0,1,10;0,0,10"}. */
    public String format() {
        StringJoiner rows = new StringJoiner(";");
        for (int[] row : increments) {
            StringJoiner cells = new StringJoiner(",");
            for (int v : row) {
                cells.add(Integer.toString(v));
            }
            rows.add(cells.toString());
        }
        return rows.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMatrix other && Arrays.deepEquals(increments, other.increments);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(increments);
    }

    /** The paper's bracket notation of the increments, e.g. {@code [[13,10],[0,10]]}. */
    @Override
    public String toString() {
        return "[[" + format().replace(";", "],[") + "]]";
    }

    private static String reviewerName(int row) {
        return row == 0 ? "the target" : "drafter d" + (row - 1);
    }

    private static int[][] copySquare(int[][] m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int n = m.length;
        int[][] copy = new int[n][];
        for (int r = 0; r < n; r++) {
            if (m[r] == null || m[r].length != n) {
                throw new IllegalArgumentException(what + " row " + r + " has "
                        + (m[r] == null ? 0 : m[r].length) + " entries, expected " + n
                        + " (the matrix is square: one row and column per drafter)");
            }
            copy[r] = m[r].clone();
        }
        return copy;
    }
}
