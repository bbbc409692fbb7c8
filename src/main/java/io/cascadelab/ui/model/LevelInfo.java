package io.cascadelab.ui.model;

import java.util.Locale;

/**
 * One cascade level as the Models panel lists it.
 *
 * @param role       "target", "draft model", "MLP speculator" or "Max-Gram"
 * @param parameters parameter count (0 for Max-Gram)
 * @param nanos1     measured cost of one forward over one new token, c_m(1); NaN when not measured
 */
public record LevelInfo(String role, String name, long parameters, double nanos1) {

    /** Two lines for the list, e.g. "draft-mid (draft model)" and "12.4M params · 3.10 ms/forward". */
    public String describe() {
        String size = parameters > 0 ? humanCount(parameters) + " params" : "no parameters";
        String cost = Double.isNaN(nanos1) ? "" : nanos1 == 0 ? " · free" : String.format(Locale.ROOT, " · %.2f ms/forward", nanos1 / 1e6);
        return name + " (" + role + ")\n" + size + cost;
    }

    /** 1234567 → "1.23M". */
    public static String humanCount(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        }
        return Long.toString(n);
    }
}
