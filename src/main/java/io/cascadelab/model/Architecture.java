package io.cascadelab.model;

import java.util.List;
import java.util.Locale;

/**
 * The model families CascadeLab runs. The decoder-only ones share one decoder; the differences are
 * a few switches in {@link ModelConfig} (norm kind, position encoding, biases, residual layout).
 * T5 adds an encoder and cross-attention around the same blocks.
 * Each family carries transformers' defaults for the keys a config.json may leave out.
 */
public enum Architecture {
    LLAMA("llama", "LlamaForCausalLM", 2048, 1e-6, false, 0),
    MISTRAL("mistral", "MistralForCausalLM", 4096 * 32, 1e-6, false, 0),
    QWEN2("qwen2", "Qwen2ForCausalLM", 32768, 1e-6, false, 0),
    QWEN3("qwen3", "Qwen3ForCausalLM", 32768, 1e-6, false, 128),
    GEMMA2("gemma2", "Gemma2ForCausalLM", 8192, 1e-6, true, 256),
    GEMMA3("gemma3_text", "Gemma3ForCausalLM", 131072, 1e-6, true, 256),
    PHI3("phi3", "Phi3ForCausalLM", 4096, 1e-5, false, 0),
    OLMO2("olmo2", "Olmo2ForCausalLM", 2048, 1e-5, false, 0),
    SMOLLM3("smollm3", "SmolLM3ForCausalLM", 32768, 1e-6, true, 0),
    GPT2("gpt2", "GPT2LMHeadModel", 1024, 1e-5, true, 0),
    GPT_NEOX("gpt_neox", "GPTNeoXForCausalLM", 2048, 1e-5, false, 0),
    /** The encoder-decoder T5 / T5 v1.1 / FLAN-T5; max positions is its nominal n_positions. */
    T5("t5", "T5ForConditionalGeneration", 512, 1e-6, true, 0);

    private final String modelType;
    private final String className;
    private final int defaultMaxPositions;
    private final double defaultNormEps;
    private final boolean defaultTied;
    private final int defaultHeadDim;

    Architecture(String modelType, String className, int defaultMaxPositions, double defaultNormEps,
                 boolean defaultTied, int defaultHeadDim) {
        this.modelType = modelType;
        this.className = className;
        this.defaultMaxPositions = defaultMaxPositions;
        this.defaultNormEps = defaultNormEps;
        this.defaultTied = defaultTied;
        this.defaultHeadDim = defaultHeadDim;
    }

    /** transformers' max_position_embeddings when config.json has none. */
    public int defaultMaxPositions() {
        return defaultMaxPositions;
    }

    /** transformers' norm epsilon when config.json has none. */
    public double defaultNormEps() {
        return defaultNormEps;
    }

    /** transformers' tie_word_embeddings when config.json has none. */
    public boolean defaultTied() {
        return defaultTied;
    }

    /** transformers' head_dim when config.json has none (0: hidden_size / num_attention_heads). */
    public int defaultHeadDim() {
        return defaultHeadDim;
    }

    /** The {@code model_type} value in config.json. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class name in config.json's {@code architectures}. */
    public String className() {
        return className;
    }
    /**
     * Finds the architecture for a config's model_type (or class name when model_type is absent).
     *
     * @throws ModelLoadException naming the unsupported type and listing the supported ones
     */
    public static Architecture of(String modelType, List<String> classNames, String configFile) {
        for (Architecture a : values()) {
            if (modelType != null && a.modelType.equals(modelType.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        for (Architecture a : values()) {
            if (classNames.contains(a.className)) {
                return a;
            }
        }
        String hint = "gemma3".equals(modelType)
                ? " This is the vision-language Gemma 3; its text-only sibling (model_type gemma3_text,"
                + " e.g. Gemma 3 270M/1B) is supported." : "";
        throw new ModelLoadException(configFile + ": model_type '" + modelType + "' " + classNames
                + " is not supported." + hint + " CascadeLab runs models of these families: "
                + supportedList() + " (SmolLM and TinyLlama load as llama; FLAN-T5 and T5 v1.1 as t5).");
    }

    /** Human-readable list of what is supported, for error messages. */
    public static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (Architecture a : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(a.modelType).append(" (").append(a.className).append(')');
        }
        return sb.toString();
    }
}
