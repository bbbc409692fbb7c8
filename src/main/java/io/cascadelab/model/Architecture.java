package io.cascadelab.model;

import java.util.List;
import java.util.Locale;

/**
 * The decoder families CascadeLab runs. They share one decoder; the differences are a few
 * switches in {@link ModelConfig} (norm kind, position encoding, biases, residual layout).
 */
public enum Architecture {
    LLAMA("llama", "LlamaForCausalLM"),
    MISTRAL("mistral", "MistralForCausalLM"),
    QWEN2("qwen2", "Qwen2ForCausalLM"),
    GPT2("gpt2", "GPT2LMHeadModel"),
    GPT_NEOX("gpt_neox", "GPTNeoXForCausalLM");

    private final String modelType;
    private final String className;

    Architecture(String modelType, String className) {
        this.modelType = modelType;
        this.className = className;
    }

    /** The {@code model_type} value in config.json. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class name in config.json's {@code architectures}. */
    public String className() {
        return className;
    }

    /** True for the Llama-style families (RMSNorm, rotary, SwiGLU). */
    public boolean llamaLike() {
        return this == LLAMA || this == MISTRAL || this == QWEN2;
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
        throw new ModelLoadException(configFile + ": model_type '" + modelType + "' " + classNames
                + " is not supported. CascadeLab runs decoder-only models of these families: "
                + supportedList() + " (SmolLM and TinyLlama load as llama).");
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
