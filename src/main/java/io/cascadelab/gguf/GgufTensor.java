package io.cascadelab.gguf;

/**
 * One tensor of a GGUF file.
 *
 * @param dims   sizes, fastest-varying first (ggml's ne[]; the reverse of PyTorch's shape)
 * @param offset byte offset from the start of the data section
 */
public record GgufTensor(String name, long[] dims, GgmlType type, long offset) {

    public GgufTensor {
        dims = dims.clone();
    }

    /** Number of values. */
    public long count() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes of data. */
    public long bytes() {
        return count() / type.blockSize() * type.blockBytes();
    }
}
