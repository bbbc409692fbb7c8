package io.cascadelab.model;

import java.nio.FloatBuffer;

/** Where a model's weights come from, named as Hugging Face names them: a safetensors checkpoint or a GGUF file. */
public interface TensorSource {

    /** True when the tensor exists. */
    boolean has(String name);

    /** The tensor as F32 in PyTorch's layout, refused unless its shape is {@code expectedShape}. */
    FloatBuffer read(String name, long... expectedShape);
}
