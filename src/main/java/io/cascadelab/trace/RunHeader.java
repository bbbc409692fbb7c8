package io.cascadelab.trace;

import java.util.Arrays;
import java.util.List;

/**
 * What a run was: method, levels, settings and prompt. The first line of a trace file.
 *
 * @param levels       level names, index 0 the target
 * @param promptIds    the decoded sequence before the first new token: a decoder-only run's prompt, an
 *                     encoder-decoder's decoder start token (the first emitted position is its length)
 * @param kMatrix      per-segment increments (null for plain decoding)
 * @param encoderInput the ids an encoder-decoder's encoder read (its prompt); null for a decoder-only run,
 *                     and in traces written before encoder-decoders
 */
public record RunHeader(String method, List<String> levels, List<ModelCost> costs, int[] promptIds, String promptText,
                        boolean greedy, double temperature, int topK, double topP, long seed, int[][] kMatrix,
                        double lenience, int maxNewTokens, String device, String kMatrixConvention,
                        int[] encoderInput) {

    /** How K entries are to be read; stored in every trace so files stay self-describing. */
    public static final String K_CONVENTION = "increments: K[r][j] = tokens drafter d_j contributes to the draft reviewed by level r (row 0 = target)";

    public RunHeader {
        levels = List.copyOf(levels);
        costs = List.copyOf(costs);
        if (encoderInput != null && encoderInput.length == 0) {
            encoderInput = null; // no encoder input is a decoder-only run, written without the field
        }
    }

    /** A decoder-only run's header. */
    public RunHeader(String method, List<String> levels, List<ModelCost> costs, int[] promptIds, String promptText,
                     boolean greedy, double temperature, int topK, double topP, long seed, int[][] kMatrix,
                     double lenience, int maxNewTokens, String device, String kMatrixConvention) {
        this(method, levels, costs, promptIds, promptText, greedy, temperature, topK, topP, seed, kMatrix, lenience,
                maxNewTokens, device, kMatrixConvention, null);
    }

    /** The target's name. */
    public String target() {
        return levels.get(0);
    }

    /** True when the models read an encoder input apart from the decoded tokens. */
    public boolean encoderDecoder() {
        return encoderInput != null;
    }

    /** Every id the models read before the first new token: the encoder input (if any), then {@link #promptIds}. */
    public int[] inputIds() {
        if (encoderInput == null) {
            return promptIds.clone();
        }
        int[] all = Arrays.copyOf(encoderInput, encoderInput.length + promptIds.length);
        System.arraycopy(promptIds, 0, all, encoderInput.length, promptIds.length);
        return all;
    }
}
