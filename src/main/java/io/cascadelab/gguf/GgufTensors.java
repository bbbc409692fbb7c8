package io.cascadelab.gguf;

import io.cascadelab.model.Architecture;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TensorSource;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GGUF file's tensors under their Hugging Face names, dequantised to F32 and in PyTorch's
 * layout: llama.cpp's names mapped back, dims reversed, and the Q/K row permutation its
 * converter applies to llama models undone, so the math matches the HF model.
 */
final class GgufTensors implements TensorSource {

    private static final Pattern LAYER = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");

    private final GgufFile f;
    private final ModelConfig c;

    GgufTensors(GgufFile f, ModelConfig c) {
        this.f = f;
        this.c = c;
    }

    @Override
    public boolean has(String name) {
        return f.tensor(ggufName(name)) != null;
    }

    @Override
    public FloatBuffer read(String name, long... expectedShape) {
        String g = ggufName(name);
        GgufTensor t = f.tensor(g);
        if (t == null) {
            throw new ModelLoadException(f.path() + ": tensor '" + g + "' (" + name + ") is missing");
        }
        long[] shape = reversed(t.dims());
        if (!Arrays.equals(shape, expectedShape)) {
            throw new ModelLoadException(f.path() + ": tensor '" + g + "' has shape " + Arrays.toString(shape)
                    + " but the metadata implies " + Arrays.toString(expectedShape));
        }
        float[] v = f.floats(t);
        if (c.architecture() == Architecture.LLAMA && g.endsWith(".attn_q.weight")) {
            v = unpermute(v, c.numHeads(), expectedShape);
        } else if (c.architecture() == Architecture.LLAMA && g.endsWith(".attn_k.weight")) {
            v = unpermute(v, c.numKvHeads(), expectedShape);
        }
        return FloatBuffer.wrap(v);
    }

    /** The llama.cpp name of a Hugging Face tensor name. */
    static String ggufName(String hf) {
        switch (hf) {
            case "model.embed_tokens.weight":
                return "token_embd.weight";
            case "model.norm.weight":
                return "output_norm.weight";
            case "lm_head.weight":
                return "output.weight";
            default:
                break;
        }
        Matcher m = LAYER.matcher(hf);
        if (!m.matches()) {
            return hf;
        }
        String rest = m.group(2)
                .replace("input_layernorm", "attn_norm")
                .replace("post_attention_layernorm", "ffn_norm")
                .replace("self_attn.q_proj", "attn_q")
                .replace("self_attn.k_proj", "attn_k")
                .replace("self_attn.v_proj", "attn_v")
                .replace("self_attn.o_proj", "attn_output")
                .replace("self_attn.q_norm", "attn_q_norm")
                .replace("self_attn.k_norm", "attn_k_norm")
                .replace("mlp.gate_proj", "ffn_gate")
                .replace("mlp.up_proj", "ffn_up")
                .replace("mlp.down_proj", "ffn_down");
        return "blk." + m.group(1) + "." + rest;
    }

    /**
     * llama.cpp stores q/k rows per head as pairs (row 2j + t holds HF row t·hd/2 + j): put them
     * back in HF's rotate-half order.
     */
    private static float[] unpermute(float[] w, int heads, long[] shape) {
        int rows = (int) shape[0], cols = (int) shape[1], hd = rows / heads;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < hd / 2; j++) {
                for (int t = 0; t < 2; t++) {
                    int from = h * hd + 2 * j + t;
                    int to = h * hd + t * (hd / 2) + j;
                    System.arraycopy(w, from * cols, out, to * cols, cols);
                }
            }
        }
        return out;
    }

    private static long[] reversed(long[] dims) {
        long[] r = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            r[i] = dims[dims.length - 1 - i];
        }
        return r;
    }
}
