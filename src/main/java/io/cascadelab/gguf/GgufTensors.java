package io.cascadelab.gguf;

import io.cascadelab.model.Architecture;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TensorSource;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GGUF file's tensors under their Hugging Face names, dequantised to F32 and in PyTorch's
 * layout: llama.cpp's names mapped back per family, dims reversed, and what its converter changed
 * undone, so the math matches the HF model: Llama's Q/K row permutation, Gemma's 1 + w norms,
 * GPT-2's transposed Conv1D weights, GPT-NeoX's regrouped fused QKV rows.
 */
final class GgufTensors implements TensorSource {

    private static final Pattern LAYER = Pattern.compile("(?:model\\.layers|transformer\\.h|gpt_neox\\.layers)\\.(\\d+)\\.(.+)");

    /** HF → llama.cpp names of the tensors outside the layers. */
    private static final Map<String, String> TOP = Map.of(
            "model.embed_tokens.weight", "token_embd.weight", "model.norm.weight", "output_norm.weight",
            "lm_head.weight", "output.weight", "transformer.wte.weight", "token_embd.weight",
            "transformer.wpe.weight", "position_embd.weight", "gpt_neox.embed_in.weight", "token_embd.weight",
            "embed_out.weight", "output.weight");

    /** HF → llama.cpp names of a layer's modules (the suffix after the layer index, without .weight/.bias). */
    private static final Map<String, String> DECODER = Map.ofEntries(
            Map.entry("input_layernorm", "attn_norm"), Map.entry("post_attention_layernorm", "ffn_norm"),
            Map.entry("self_attn.q_proj", "attn_q"), Map.entry("self_attn.k_proj", "attn_k"),
            Map.entry("self_attn.v_proj", "attn_v"), Map.entry("self_attn.o_proj", "attn_output"),
            Map.entry("self_attn.qkv_proj", "attn_qkv"), Map.entry("self_attn.q_norm", "attn_q_norm"),
            Map.entry("self_attn.k_norm", "attn_k_norm"), Map.entry("mlp.gate_proj", "ffn_gate"),
            Map.entry("mlp.up_proj", "ffn_up"), Map.entry("mlp.gate_up_proj", "ffn_up"),
            Map.entry("mlp.down_proj", "ffn_down"));
    private static final Map<String, String> GEMMA = Map.of(
            "input_layernorm", "attn_norm", "post_attention_layernorm", "post_attention_norm",
            "pre_feedforward_layernorm", "ffn_norm", "post_feedforward_layernorm", "post_ffw_norm");
    private static final Map<String, String> GPT2 = Map.of(
            "ln_1", "attn_norm", "attn.c_attn", "attn_qkv", "attn.c_proj", "attn_output", "ln_2", "ffn_norm",
            "mlp.c_fc", "ffn_up", "mlp.c_proj", "ffn_down");
    private static final Map<String, String> NEOX = Map.of(
            "input_layernorm", "attn_norm", "post_attention_layernorm", "ffn_norm",
            "attention.query_key_value", "attn_qkv", "attention.dense", "attn_output",
            "mlp.dense_h_to_4h", "ffn_up", "mlp.dense_4h_to_h", "ffn_down");

    private final GgufFile f;
    private final ModelConfig c;

    GgufTensors(GgufFile f, ModelConfig c) {
        this.f = f;
        this.c = c;
    }

    @Override
    public boolean has(String name) {
        return f.tensor(ggufName(c.architecture(), name)) != null;
    }

    @Override
    public FloatBuffer read(String name, long... expectedShape) {
        Architecture a = c.architecture();
        String g = ggufName(a, name);
        GgufTensor t = f.tensor(g);
        if (t == null) {
            throw new ModelLoadException(f.path() + ": tensor '" + g + "' (" + name + ") is missing");
        }
        long[] shape = reversed(t.dims());
        // GPT-2's Conv1D weights are [in, out]; the converter wrote them transposed, as Linear's [out, in]
        boolean conv1d = a == Architecture.GPT2 && shape.length == 2 && name.startsWith("transformer.h.");
        long[] stored = conv1d ? new long[] {expectedShape.length == 2 ? expectedShape[1] : -1, expectedShape[0]}
                : expectedShape;
        if (!Arrays.equals(shape, stored)) {
            throw new ModelLoadException(f.path() + ": tensor '" + g + "' has shape " + Arrays.toString(shape)
                    + " but the metadata implies " + Arrays.toString(stored));
        }
        float[] v = f.floats(t);
        if (conv1d) {
            v = transpose(v, (int) shape[0], (int) shape[1]);
        } else if (a == Architecture.LLAMA && g.endsWith(".attn_q.weight")) {
            v = unpermute(v, c.numHeads(), expectedShape);
        } else if (a == Architecture.LLAMA && g.endsWith(".attn_k.weight")) {
            v = unpermute(v, c.numKvHeads(), expectedShape);
        } else if (a == Architecture.GPT_NEOX && g.contains(".attn_qkv.")) {
            v = perHeadQkv(v, c.numHeads(), (int) (expectedShape[0] / 3 / c.numHeads()),
                    expectedShape.length == 2 ? (int) expectedShape[1] : 1);
        } else if ((a == Architecture.GEMMA2 || a == Architecture.GEMMA3) && g.endsWith("norm.weight")) {
            for (int i = 0; i < v.length; i++) {
                v[i] -= 1; // stored as 1 + w; the runtime adds the 1 back as transformers does
            }
        }
        return FloatBuffer.wrap(v);
    }

    /** The llama.cpp name of a Hugging Face tensor name in a model of {@code arch}. */
    static String ggufName(Architecture arch, String hf) {
        String top = TOP.get(hf);
        if (top != null) {
            return top;
        }
        switch (hf) {
            case "transformer.ln_f.weight", "gpt_neox.final_layer_norm.weight":
                return "output_norm.weight";
            case "transformer.ln_f.bias", "gpt_neox.final_layer_norm.bias":
                return "output_norm.bias";
            default:
                break;
        }
        Matcher m = LAYER.matcher(hf);
        if (!m.matches()) {
            return hf;
        }
        String rest = m.group(2);
        int dot = rest.lastIndexOf('.');
        String module = rest.substring(0, dot), kind = rest.substring(dot);
        Map<String, String> names = switch (arch) {
            case GPT2 -> GPT2;
            case GPT_NEOX -> NEOX;
            default -> DECODER;
        };
        String g = (arch == Architecture.GEMMA2 || arch == Architecture.GEMMA3) && GEMMA.containsKey(module)
                ? GEMMA.get(module) : names.get(module);
        return g == null ? hf : "blk." + m.group(1) + "." + g + kind;
    }

    /**
     * The converter regroups NeoX's fused rows from [head, (q|k|v), head_dim] to [(q|k|v), head,
     * head_dim]: put them back.
     */
    private static float[] perHeadQkv(float[] w, int heads, int headDim, int cols) {
        float[] out = new float[w.length];
        for (int part = 0; part < 3; part++) {
            for (int h = 0; h < heads; h++) {
                int from = (part * heads + h) * headDim, to = (h * 3 + part) * headDim;
                System.arraycopy(w, from * cols, out, to * cols, headDim * cols);
            }
        }
        return out;
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] out = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                out[col * rows + r] = w[r * cols + col];
            }
        }
        return out;
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
