package io.cascadelab.tune;

import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.KPolicy;
import io.cascadelab.decode.MethodSpec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One axis of a sweep grid: k, lenience, cascade depth, one entry K[row][col] of the k-matrix
 * (per-segment increments), or the k policy.
 */
public record Axis(Kind kind, int row, int col) {

    /** What an axis varies. */
    public enum Kind { K, LENIENCE, DEPTH, K_ENTRY, POLICY }

    private static final Pattern ENTRY = Pattern.compile("k\\[(\\d+)]\\[(\\d+)]|k(\\d)(\\d)");

    /** Parses "k", "lenience", "depth", "policy", "K[0][1]" or "K01". */
    public static Axis parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "k":
                return new Axis(Kind.K, -1, -1);
            case "lenience", "l":
                return new Axis(Kind.LENIENCE, -1, -1);
            case "depth", "d":
                return new Axis(Kind.DEPTH, -1, -1);
            case "policy":
                return new Axis(Kind.POLICY, -1, -1);
            default:
                Matcher m = ENTRY.matcher(s);
                if (m.matches()) {
                    int r = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
                    int c = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
                    if (c < r) {
                        throw new IllegalArgumentException("grid axis '" + text + "' lies below the k-matrix diagonal "
                                + "(always 0): pick an entry K[r][c] with c >= r");
                    }
                    return new Axis(Kind.K_ENTRY, r, c);
                }
                throw new IllegalArgumentException("unknown grid axis '" + text
                        + "': use k, lenience, depth, policy or a k-matrix entry such as K[0][1]");
        }
    }

    /** The name as written in grid specs and files, e.g. "lenience" or "K[0][1]". */
    public String name() {
        return switch (kind) {
            case K -> "k";
            case LENIENCE -> "lenience";
            case DEPTH -> "depth";
            case POLICY -> "policy";
            case K_ENTRY -> "K[" + row + "][" + col + "]";
        };
    }

    /** Checks one value of this axis; the message names the axis, the value and what is allowed. */
    public void check(String value) {
        try {
            switch (kind) {
                case K, DEPTH -> {
                    if (Integer.parseInt(value) < 1) {
                        throw new IllegalArgumentException(name() + " = " + value + ": must be 1 or more");
                    }
                }
                case K_ENTRY -> {
                    if (Integer.parseInt(value) < 0) {
                        throw new IllegalArgumentException(name() + " = " + value + ": a k-matrix entry is 0 or more");
                    }
                }
                case LENIENCE -> {
                    double l = Double.parseDouble(value);
                    if (!(l >= 1) || Double.isInfinite(l)) {
                        throw new IllegalArgumentException("lenience = " + value + ": must be a finite number >= 1");
                    }
                }
                case POLICY -> KPolicy.parse(value);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid value '" + value + "' of " + name() + " is not a "
                    + (kind == Kind.LENIENCE ? "number" : "whole number"));
        }
    }

    /** {@code spec} with this axis set to {@code value}. */
    public MethodSpec apply(MethodSpec spec, String value) {
        return switch (kind) {
            case K -> spec.withK(Integer.parseInt(value));
            case LENIENCE -> spec.withLenience(Double.parseDouble(value));
            case DEPTH -> spec.withDepth(Integer.parseInt(value));
            case POLICY -> spec.withPolicy(KPolicy.parse(value));
            case K_ENTRY -> {
                KMatrix base = spec.kMatrix();
                if (base == null || row >= base.size() || col >= base.size()) {
                    throw new IllegalArgumentException(name() + " does not exist in the k-matrix of " + spec.label()
                            + (base == null ? " (plain decoding has none)" : " (" + base.size() + "x" + base.size() + ")"));
                }
                int[][] inc = base.toIncrements();
                inc[row][col] = Integer.parseInt(value);
                yield spec.withKOverride(KMatrix.of(inc));
            }
        };
    }
}
