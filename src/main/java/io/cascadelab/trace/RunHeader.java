package io.cascadelab.trace;

import java.util.List;

/**
 * What a run was: method, levels, settings and prompt. The first line of a trace file.
 *
 * @param levels     level names, index 0 the target
 * @param kMatrix    per-segment increments (null for plain decoding)
 */
public record RunHeader(String method, List<String> levels, List<ModelCost> costs, int[] promptIds, String promptText,
                        boolean greedy, double temperature, int topK, double topP, long seed, int[][] kMatrix,
                        double lenience, int maxNewTokens, String device, String kMatrixConvention) {

    /** How K entries are to be read; stored in every trace so files stay self-describing. */
    public static final String K_CONVENTION = "increments: K[r][j] = tokens drafter d_j contributes to the draft reviewed by level r (row 0 = target)";

    public RunHeader {
        levels = List.copyOf(levels);
        costs = List.copyOf(costs);
    }

    /** The target's name. */
    public String target() {
        return levels.get(0);
    }
}
