package io.cascadelab.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Where a model's weights come from, named as Hugging Face names them: a safetensors checkpoint or a GGUF file. */
public interface TensorSource {

    /** True when the tensor exists. */
    boolean has(String name);

    /** The tensor as F32 in PyTorch's layout, refused unless its shape is {@code expectedShape}. */
    FloatBuffer read(String name, long... expectedShape);

    /**
     * As {@link #read}, in a direct native-order byte buffer that DJL wraps as an array without a
     * copy (a FloatBuffer is copied into a fresh one, which doubled a 0.5B model's load).
     */
    default ByteBuffer readNative(String name, long... expectedShape) {
        FloatBuffer values = read(name, expectedShape);
        ByteBuffer out = ByteBuffer.allocateDirect(values.remaining() * 4).order(ByteOrder.nativeOrder());
        out.asFloatBuffer().put(values);
        return out;
    }
}
