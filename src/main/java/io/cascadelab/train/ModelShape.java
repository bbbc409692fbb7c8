package io.cascadelab.train;

import io.cascadelab.model.Architecture;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.RopeScaling;

import java.util.List;

/**
 * The shape of a Llama model to train: what a user picks on the command line.
 *
 * @param context maximum positions (max_position_embeddings)
 */
public record ModelShape(int vocabSize, int hidden, int layers, int heads, int kvHeads, int ffn, int context,
                         boolean tiedEmbeddings) {

    public ModelShape {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of heads " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " is not a multiple of kv heads " + kvHeads);
        }
        if ((hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("head size " + hidden / heads + " must be even for rotary embeddings");
        }
    }

    /** The runtime configuration of this shape, as LlamaForCausalLM. */
    public ModelConfig toConfig(int bosId, int eosId) {
        int headDim = hidden / heads;
        return ModelConfig.builder(Architecture.LLAMA)
                .shape(vocabSize, hidden, layers, heads, kvHeads, headDim, ffn)
                .maxPositions(context)
                .norm(ModelConfig.NormKind.RMS, 1e-5)
                .rotary(headDim, List.of(new ModelConfig.RopeSpec(10000.0, RopeScaling.NONE)))
                .tieWordEmbeddings(tiedEmbeddings)
                .specialTokens(bosId, List.of(eosId))
                .build();
    }

    /** Parses "layers=8,hidden=320,heads=5,kv=5,ffn=864,context=512,tied=true" over {@code base}. */
    public static ModelShape parse(String spec, int vocabSize) {
        int layers = 4, hidden = 256, heads = 4, kv = -1, ffn = -1, context = 512;
        boolean tied = true;
        for (String part : spec.split(",")) {
            String[] kvp = part.trim().split("=");
            if (kvp.length != 2) {
                throw new IllegalArgumentException("bad shape entry '" + part + "': expected key=value");
            }
            String k = kvp[0].trim();
            String v = kvp[1].trim();
            switch (k) {
                case "layers" -> layers = Integer.parseInt(v);
                case "hidden" -> hidden = Integer.parseInt(v);
                case "heads" -> heads = Integer.parseInt(v);
                case "kv" -> kv = Integer.parseInt(v);
                case "ffn" -> ffn = Integer.parseInt(v);
                case "context" -> context = Integer.parseInt(v);
                case "tied" -> tied = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown shape key '" + k
                        + "' (layers, hidden, heads, kv, ffn, context, tied)");
            }
        }
        return new ModelShape(vocabSize, hidden, layers, heads, kv < 0 ? heads : kv,
                ffn < 0 ? roundUp(hidden * 8 / 3, 32) : ffn, context, tied);
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
