package io.cascadelab.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One .safetensors file, parsed in Java (DJL aborts the JVM on BF16, so we never hand it raw
 * checkpoint bytes). Tensors are memory-mapped one at a time and widened to F32.
 */
public final class SafetensorsFile {

    /** A tensor's entry in the header. */
    public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {

        /** Number of elements. */
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private final Path path;
    private final long dataStart;
    private final long fileSize;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsFile(Path path, long dataStart, long fileSize, Map<String, TensorInfo> tensors) {
        this.path = path;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.tensors = tensors;
    }

    /** Parses the header of {@code path}; tensor data is read lazily. */
    public static SafetensorsFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelLoadException(path + " is not a safetensors file: only " + size + " bytes");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            if (new String(lenBuf.array(), StandardCharsets.US_ASCII).equals("version ") && size < 1024) {
                throw new ModelLoadException(path + " is a Git LFS pointer (" + size + " bytes), not the weights:"
                        + " fetch the real file (git lfs pull in the model's repository, or download it again)");
            }
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new ModelLoadException(path + ": header length " + headerLen
                        + " points past the end of the file (" + size + " bytes); the file is truncated or not safetensors");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            String json = new String(header.array(), StandardCharsets.UTF_8);
            Map<String, TensorInfo> map = parseHeader(path, json, size - 8 - headerLen);
            return new SafetensorsFile(path, 8 + headerLen, size, map);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path path, String json, long dataBytes) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json.trim());
            if (!e.isJsonObject()) {
                throw new ModelLoadException(path + ": malformed safetensors header (not a JSON object)");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelLoadException(path + ": malformed safetensors header JSON: " + e.getMessage(), e);
        }
        Map<String, TensorInfo> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> en : root.entrySet()) {
            if (en.getKey().equals("__metadata__")) {
                continue;
            }
            try {
                JsonObject t = en.getValue().getAsJsonObject();
                String dtypeName = t.get("dtype").getAsString();
                TensorDType dtype = TensorDType.parse(dtypeName, path, en.getKey());
                long[] shape = new long[t.getAsJsonArray("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
                }
                long begin = t.getAsJsonArray("data_offsets").get(0).getAsLong();
                long end = t.getAsJsonArray("data_offsets").get(1).getAsLong();
                TensorInfo info = new TensorInfo(en.getKey(), dtype, shape, begin, end);
                if (begin < 0 || end < begin || end > dataBytes) {
                    throw new ModelLoadException(path + ": tensor '" + en.getKey() + "' data offsets [" + begin
                            + ", " + end + ") lie outside the file's " + dataBytes + " data bytes");
                }
                if (end - begin != info.elements() * dtype.bytes()) {
                    throw new ModelLoadException(path + ": tensor '" + en.getKey() + "' holds " + (end - begin)
                            + " bytes but shape " + Arrays.toString(shape) + " of " + dtypeName + " needs "
                            + info.elements() * dtype.bytes());
                }
                map.put(en.getKey(), info);
            } catch (IllegalStateException | NullPointerException | UnsupportedOperationException e) {
                throw new ModelLoadException(path + ": malformed header entry for tensor '" + en.getKey() + "'", e);
            }
        }
        return map;
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** Header entries by tensor name. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** Reads a tensor's data widened to F32 into a fresh direct native-order byte buffer. */
    public ByteBuffer readNative(TensorInfo info) {
        long bytes = info.end() - info.begin();
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelLoadException(path + ": tensor '" + info.name() + "' is larger than 2 GB; not supported");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (dataStart + info.end() > fileSize) {
                throw new ModelLoadException(path + ": tensor '" + info.name() + "' runs past the end of the file");
            }
            MappedByteBuffer src = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), bytes);
            src.order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) info.elements();
            ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
            info.dtype().widen(src, out, n);
            return out;
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
