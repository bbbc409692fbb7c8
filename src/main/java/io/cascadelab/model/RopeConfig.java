package io.cascadelab.model;

import java.util.List;
import java.util.Locale;

/**
 * Reads rotary settings in both layouts found in config.json: the Hub's top-level
 * {@code rope_theta} + {@code rope_scaling}, and transformers 5's {@code rope_parameters}
 * (flat, or nested by layer type as Gemma 3 writes it).
 */
final class RopeConfig {

    private RopeConfig() {
    }

    /** The scaling dictionary for a layer type: rope_parameters[layerType], rope_parameters, or rope_scaling. */
    static ConfigJson dict(ConfigJson j, String layerType) {
        ConfigJson params = j.child("rope_parameters");
        if (params != null && layerType != null && params.has(layerType)) {
            return params.child(layerType);
        }
        if (params != null && !params.has("full_attention") && !params.has("sliding_attention")) {
            return params;
        }
        return j.child("rope_scaling");
    }

    /** The base θ: the dict's rope_theta, else the config's {@code thetaKey}, else {@code fallback}. */
    static double theta(ConfigJson j, ConfigJson dict, String thetaKey, double fallback) {
        double top = j.dbl(thetaKey, fallback);
        return dict == null ? top : dict.dbl("rope_theta", top);
    }

    /** The partial rotary factor (Phi-3, NeoX): the dict's, else the config's, else 1. */
    static double partialFactor(ConfigJson j, ConfigJson dict) {
        double top = j.dbl("partial_rotary_factor", 1.0);
        return dict == null ? top : dict.dbl("partial_rotary_factor", top);
    }

    /**
     * The frequency scaling the dict describes.
     *
     * @param rotaryDim       rotated channels (longrope factor lists must have rotaryDim/2 entries)
     * @param originalDefault original_max_position_embeddings when the dict has none
     * @param maxPositions    the config's max_position_embeddings (yarn and longrope derive their factor from it)
     */
    static RopeScaling scaling(ConfigJson dict, int rotaryDim, int originalDefault, int maxPositions) {
        if (dict == null) {
            return RopeScaling.NONE;
        }
        String type = dict.str("rope_type", dict.str("type", "default")).toLowerCase(Locale.ROOT);
        int original = dict.integer("original_max_position_embeddings", originalDefault);
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "dynamic" -> {
                // Dynamic NTK only changes frequencies past max_position_embeddings, which the context never exceeds.
                dict.touch("factor");
                yield RopeScaling.NONE;
            }
            case "linear" -> new RopeScaling.Linear(dict.dbl("factor", 1));
            case "llama3" -> new RopeScaling.Llama3(dict.dbl("factor", 8), dict.dbl("low_freq_factor", 1),
                    dict.dbl("high_freq_factor", 4), original);
            case "yarn" -> {
                double factor = dict.dbl("factor", (double) maxPositions / original);
                double attention = dict.dbl("attention_factor", Double.NaN);
                if (Double.isNaN(attention)) {
                    attention = RopeScaling.Yarn.defaultAttentionFactor(factor, dict.dbl("mscale", 0),
                            dict.dbl("mscale_all_dim", 0));
                }
                double fast = dict.dbl("beta_fast", 0);
                double slow = dict.dbl("beta_slow", 0);
                yield new RopeScaling.Yarn(factor, fast == 0 ? 32 : fast, slow == 0 ? 1 : slow, original, attention,
                        dict.bool("truncate", true));
            }
            case "longrope", "su" -> longRope(dict, rotaryDim, original, maxPositions);
            default -> throw dict.refuse("rope_type", type,
                    "supported rope types are default, linear, dynamic, llama3, yarn and longrope");
        };
    }

    private static RopeScaling longRope(ConfigJson dict, int rotaryDim, int original, int maxPositions) {
        List<Double> shortF = dict.numbers("short_factor");
        List<Double> longF = dict.numbers("long_factor");
        if (shortF == null || longF == null || shortF.size() != rotaryDim / 2 || longF.size() != rotaryDim / 2) {
            throw dict.refuse("short_factor/long_factor", (shortF == null ? "missing" : shortF.size()) + "/"
                    + (longF == null ? "missing" : longF.size()), "longrope needs two lists of " + rotaryDim / 2
                    + " factors (half the rotary dimension)");
        }
        double factor = dict.dbl("factor", (double) maxPositions / original);
        double attention = dict.dbl("attention_factor", Double.NaN);
        if (Double.isNaN(attention)) {
            attention = RopeScaling.LongRope.defaultAttentionFactor(factor, original);
        }
        return new RopeScaling.LongRope(shortF, longF, original, attention);
    }
}
