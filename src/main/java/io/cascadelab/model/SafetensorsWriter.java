package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes named F32 tensors to a .safetensors file, as F32 or F16. Writes atomically via a temp file. */
public final class SafetensorsWriter {

    /** A tensor to write: row-major values and shape. */
    public record Tensor(float[] data, long[] shape) {
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Adds a tensor; the product of {@code shape} must equal the data length. */
    public SafetensorsWriter add(String name, float[] data, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for shape of " + n);
        }
        tensors.put(name, new Tensor(data, shape));
        return this;
    }

    /** Writes all tensors in {@code dtype} (F32 or F16). */
    public void write(Path file, TensorDType dtype) throws IOException {
        if (dtype == TensorDType.BF16) {
            throw new IllegalArgumentException("writing BF16 is not supported; use F32 or F16");
        }
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            t.add("shape", shape);
            long bytes = (long) e.getValue().data().length * dtype.bytes();
            JsonArray offs = new JsonArray();
            offs.add(offset);
            offs.add(offset + bytes);
            t.add("data_offsets", offs);
            header.add(e.getKey(), t);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - json.length % 8) % 8; // keep tensor data 8-byte aligned, as the reference writer does
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length + pad);
            out.write(len.array());
            out.write(json);
            for (int i = 0; i < pad; i++) {
                out.write(' ');
            }
            for (Tensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(t.data().length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : t.data()) {
                    if (dtype == TensorDType.F32) {
                        buf.putFloat(f);
                    } else {
                        buf.putShort(TensorDType.floatToHalf(f));
                    }
                }
                out.write(buf.array());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
