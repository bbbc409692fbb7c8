package io.cascadelab.model;

import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/**
 * The dtype a model's projections (every matmul weight, the embedding and the LM head) are held
 * in and multiplied in. Norms, rotary embeddings, attention scores, softmax and the residual
 * stream stay in F32 in every mode, so F16 changes only the rounding of the matmuls.
 */
public enum ComputeDType {
    /** Everything in float32 (the default; exact against transformers in float32). */
    F32(DataType.FLOAT32, 4),
    /** Projections in float16: half the weight memory; fast on a GPU, slow on most CPUs. */
    F16(DataType.FLOAT16, 2);

    /** System property holding the choice: f32 or f16. */
    public static final String PROPERTY = "cascadelab.dtype";

    private final DataType dataType;
    private final int bytes;

    ComputeDType(DataType dataType, int bytes) {
        this.dataType = dataType;
        this.bytes = bytes;
    }

    /** DJL's dtype for the projections. */
    public DataType dataType() {
        return dataType;
    }

    /** Bytes per projection weight in memory. */
    public int bytes() {
        return bytes;
    }

    /** Lower-case name as typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice in {@link #PROPERTY}, F32 when unset. */
    public static ComputeDType configured() {
        return parse(System.getProperty(PROPERTY, "f32"));
    }

    /**
     * Parses f32/f16 (any case, also float32/float16). BF16 is refused by name: DJL's PyTorch JNI
     * (0.35.1 and 0.36.0) terminates the JVM on any bfloat16 tensor, so it cannot be offered.
     */
    public static ComputeDType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "f32", "float32", "fp32" -> F32;
            case "f16", "float16", "fp16", "half" -> F16;
            case "bf16", "bfloat16" -> throw new IllegalArgumentException("compute dtype '" + text + "' is not"
                    + " available: DJL's PyTorch bridge (0.35.1, 0.36.0) aborts the JVM on any bfloat16 tensor."
                    + " Use f16 on a GPU, or f32 (BF16 checkpoints are read exactly into either)");
            default -> throw new IllegalArgumentException("unknown compute dtype '" + text + "' (use f32 or f16)");
        };
    }
}
