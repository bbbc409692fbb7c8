package io.cascadelab.decode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The CS Drafting paper's settings as its reference code runs them (lfsszd/CS-Drafting, main.py and
 * its README): the k-matrix in that code's per-segment increments and the lenience. A preset is a
 * cascade of {@code k.size()} drafter levels (the draft models largest first, Max-Gram last) with
 * CascadeLab's Max-Gram fast path off, since the paper's cascade has none.
 */
public enum PaperPreset {

    /** FLAN-T5-xxl with flan-t5-base, flan-t5-small and Max-Gram; the SWI-by-model-size setting. */
    FLAN_T5("flan-t5", "Paper: FLAN-T5 (K 5/14/10, 1/10, 10; lenience 2)",
            new int[][] {{5, 14, 10}, {0, 1, 10}, {0, 0, 10}}, 2),
    /** The same models in the paper's "previous work" SWI setting. */
    FLAN_T5_PREVIOUS_WORK("flan-t5-prev", "Paper: FLAN-T5, previous-work SWI (K 5/8/10, 1/10, 10; lenience 5)",
            new int[][] {{5, 8, 10}, {0, 1, 10}, {0, 0, 10}}, 5),
    /** LLaMA-2-7B with llama-160m and Max-Gram (one draft model: the family's largest). */
    LLAMA_2("llama-2", "Paper: LLaMA-2-7B (K 13/10, 10; lenience 3)",
            new int[][] {{13, 10}, {0, 10}}, 3);

    private final String id;
    private final String label;
    private final KMatrix k;
    private final double lenience;

    PaperPreset(String id, String label, int[][] increments, double lenience) {
        this.id = id;
        this.label = label;
        this.k = KMatrix.of(increments);
        this.lenience = lenience;
    }

    /** The command-line name ("flan-t5", "flan-t5-prev", "llama-2"). */
    public String id() {
        return id;
    }

    /** The Method panel's name, with the K matrix and lenience. */
    public String label() {
        return label;
    }

    /** The k-matrix, per-segment increments. */
    public KMatrix kMatrix() {
        return k;
    }

    /** The lenience between draft levels. */
    public double lenience() {
        return lenience;
    }

    /** CS Drafting with this K matrix and lenience, Max-Gram at the bottom, no fast path. */
    public MethodSpec spec() {
        return new MethodSpec(MethodSpec.Method.CSD, Arrays.stream(k.toIncrements()[0]).sum(), lenience, k.size(), k,
                null, false, CopyFastPath.OFF);
    }

    /** The preset named {@code id}; the exception lists the names there are. */
    public static PaperPreset parse(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (PaperPreset p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown paper preset '" + id + "': use " + ids());
    }

    /** The presets' names, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(PaperPreset::id).collect(Collectors.joining(", "));
    }

    /** True when {@code s} names a preset. */
    public static boolean isPreset(String s) {
        return s != null && Arrays.stream(values()).anyMatch(p -> p.id.equalsIgnoreCase(s.trim()));
    }
}
