package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Writes tiny random Llama checkpoints (config, safetensors, byte tokenizer) for tests. */
public final class TinyModels {

    /** Shape of a tiny Llama. */
    public record Spec(int vocab, int hidden, int layers, int heads, int kvHeads, int ffn, int maxPos,
                       boolean tied, boolean qkvBias, double ropeTheta) {

        /** A default small shape with grouped-query attention. */
        public static Spec small() {
            return new Spec(300, 32, 2, 4, 2, 48, 128, false, false, 10000);
        }
    }

    private TinyModels() {
    }

    /** Writes a random Llama to {@code dir}; returns the HF-layout tensors. */
    public static Map<String, float[]> writeLlama(Path dir, Spec s, long seed, TensorDType dtype) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        Map<String, float[]> t = new LinkedHashMap<>();
        SafetensorsWriter w = new SafetensorsWriter();
        int hd = s.hidden() / s.heads();
        put(t, w, r, "model.embed_tokens.weight", 0.5, s.vocab(), s.hidden());
        for (int i = 0; i < s.layers(); i++) {
            String p = "model.layers." + i + ".";
            putNorm(t, w, r, p + "input_layernorm.weight", s.hidden());
            putNorm(t, w, r, p + "post_attention_layernorm.weight", s.hidden());
            put(t, w, r, p + "self_attn.q_proj.weight", 0.3, s.heads() * hd, s.hidden());
            put(t, w, r, p + "self_attn.k_proj.weight", 0.3, s.kvHeads() * hd, s.hidden());
            put(t, w, r, p + "self_attn.v_proj.weight", 0.3, s.kvHeads() * hd, s.hidden());
            if (s.qkvBias()) {
                put(t, w, r, p + "self_attn.q_proj.bias", 0.2, s.heads() * hd);
                put(t, w, r, p + "self_attn.k_proj.bias", 0.2, s.kvHeads() * hd);
                put(t, w, r, p + "self_attn.v_proj.bias", 0.2, s.kvHeads() * hd);
            }
            put(t, w, r, p + "self_attn.o_proj.weight", 0.3, s.hidden(), s.heads() * hd);
            if (s.qkvBias()) { // Llama's attention_bias also puts a bias on o_proj
                put(t, w, r, p + "self_attn.o_proj.bias", 0.2, s.hidden());
            }
            put(t, w, r, p + "mlp.gate_proj.weight", 0.3, s.ffn(), s.hidden());
            put(t, w, r, p + "mlp.up_proj.weight", 0.3, s.ffn(), s.hidden());
            put(t, w, r, p + "mlp.down_proj.weight", 0.3, s.hidden(), s.ffn());
        }
        putNorm(t, w, r, "model.norm.weight", s.hidden());
        if (!s.tied()) {
            put(t, w, r, "lm_head.weight", 0.3, s.vocab(), s.hidden());
        }
        w.write(dir.resolve("model.safetensors"), dtype);
        JsonObject c = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("LlamaForCausalLM");
        c.add("architectures", arch);
        c.addProperty("model_type", "llama");
        c.addProperty("vocab_size", s.vocab());
        c.addProperty("hidden_size", s.hidden());
        c.addProperty("intermediate_size", s.ffn());
        c.addProperty("num_hidden_layers", s.layers());
        c.addProperty("num_attention_heads", s.heads());
        c.addProperty("num_key_value_heads", s.kvHeads());
        c.addProperty("max_position_embeddings", s.maxPos());
        c.addProperty("rms_norm_eps", 1e-5);
        c.addProperty("rope_theta", s.ropeTheta());
        c.addProperty("tie_word_embeddings", s.tied());
        c.addProperty("attention_bias", s.qkvBias());
        c.addProperty("bos_token_id", 256);
        c.addProperty("eos_token_id", 256);
        Files.writeString(dir.resolve("config.json"), c.toString(), StandardCharsets.UTF_8);
        writeByteTokenizer(dir, s.vocab());
        return t;
    }

    private static void put(Map<String, float[]> t, SafetensorsWriter w, Random r, String name, double scale,
                            long... shape) {
        int n = 1;
        for (long x : shape) {
            n *= (int) x;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        t.put(name, a);
        w.add(name, a, shape);
    }

    private static void putNorm(Map<String, float[]> t, SafetensorsWriter w, Random r, String name, int d) {
        float[] a = new float[d];
        for (int i = 0; i < d; i++) {
            a[i] = (float) (1 + 0.2 * r.nextGaussian());
        }
        t.put(name, a);
        w.add(name, a, d);
    }

    /**
     * A byte-level BPE tokenizer.json with the 256 byte symbols, one special token (id 256) and
     * no merges; extra ids up to {@code vocab} are never produced.
     */
    public static void writeByteTokenizer(Path dir, int vocab) throws IOException {
        JsonObject v = new JsonObject();
        int[] bs = byteOrder();
        for (int i = 0; i < 256; i++) {
            v.addProperty(new String(Character.toChars(unicodeFor(bs, i))), i);
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.add("unk_token", null);
        model.add("continuing_subword_prefix", null);
        model.add("end_of_word_suffix", null);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.add("vocab", v);
        model.add("merges", new JsonArray());
        JsonObject bl = new JsonObject();
        bl.addProperty("type", "ByteLevel");
        bl.addProperty("add_prefix_space", false);
        bl.addProperty("trim_offsets", true);
        bl.addProperty("use_regex", true);
        JsonObject special = new JsonObject();
        special.addProperty("id", 256);
        special.addProperty("content", "<|endoftext|>");
        special.addProperty("single_word", false);
        special.addProperty("lstrip", false);
        special.addProperty("rstrip", false);
        special.addProperty("normalized", false);
        special.addProperty("special", true);
        JsonArray added = new JsonArray();
        added.add(special);
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        root.add("added_tokens", added);
        root.add("normalizer", null);
        root.add("pre_tokenizer", bl);
        root.add("post_processor", bl);
        root.add("decoder", bl);
        root.add("model", model);
        Files.writeString(dir.resolve("tokenizer.json"), root.toString(), StandardCharsets.UTF_8);
    }

    private static int[] byteOrder() {
        int[] printable = new int[256];
        int n = 0;
        for (int b = '!'; b <= '~'; b++) {
            printable[n++] = b;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[n++] = b;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[n++] = b;
        }
        return java.util.Arrays.copyOf(printable, n);
    }

    /** GPT-2's byte → unicode map: printable bytes map to themselves, the rest to 256+. */
    private static int unicodeFor(int[] printable, int b) {
        for (int p : printable) {
            if (p == b) {
                return b;
            }
        }
        int k = 0;
        for (int x = 0; x < b; x++) {
            boolean isPrintable = false;
            for (int p : printable) {
                if (p == x) {
                    isPrintable = true;
                    break;
                }
            }
            if (!isPrintable) {
                k++;
            }
        }
        return 256 + k;
    }
}
