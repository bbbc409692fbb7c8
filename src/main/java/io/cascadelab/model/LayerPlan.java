package io.cascadelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Which layers attend through a sliding window: config.json's {@code layer_types} when present,
 * else the family's rule (every layer for Mistral, layers from max_window_layers on for Qwen, …).
 */
final class LayerPlan {

    static final String SLIDING = "sliding_attention";
    static final String FULL = "full_attention";

    private LayerPlan() {
    }

    /**
     * The layer types, "sliding_attention" or "full_attention" per layer.
     *
     * @param slidingByDefault the family's rule when config.json has no layer_types
     */
    static List<String> types(ConfigJson j, int layers, IntPredicate slidingByDefault) {
        List<String> given = j.strings("layer_types");
        if (given != null) {
            if (given.size() != layers) {
                throw j.refuse("layer_types", given.size() + " entries",
                        "it must list one type per layer (num_hidden_layers is " + layers + ")");
            }
            for (String t : given) {
                if (!t.equals(SLIDING) && !t.equals(FULL)) {
                    throw j.refuse("layer_types", "'" + t + "'", "CascadeLab implements full_attention and "
                            + "sliding_attention layers");
                }
            }
            return given;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            out.add(slidingByDefault.test(i) ? SLIDING : FULL);
        }
        return out;
    }

    /** The config's sliding window, refused unless positive. */
    static int window(ConfigJson j, int fallback) {
        Integer w = j.optInteger("sliding_window");
        int v = w == null ? fallback : w;
        if (w != null && v <= 0) {
            throw j.refuse("sliding_window", v, "a sliding window must be a positive number of positions");
        }
        return v;
    }

    /** Layer specs: window {@code window} on sliding layers, and the rotary table each layer uses. */
    static List<ModelConfig.LayerSpec> specs(List<String> types, int window, IntPredicate rope,
                                             IntPredicate localRope) {
        List<ModelConfig.LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            boolean sliding = window > 0 && types.get(i).equals(SLIDING);
            int table = !rope.test(i) ? -1 : localRope.test(i) ? 1 : 0;
            out.add(new ModelConfig.LayerSpec(sliding ? window : 0, table));
        }
        return out;
    }
}
