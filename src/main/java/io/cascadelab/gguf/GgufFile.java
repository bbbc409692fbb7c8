package io.cascadelab.gguf;

import io.cascadelab.model.ModelLoadException;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (format versions 2 and 3, little-endian): header, metadata key/values, tensor
 * infos and the aligned data section. The file is memory-mapped, not copied into the heap;
 * every fault (bad magic, unknown version, a truncated header, a tensor past the end, an
 * unknown type) is refused with the file's name and what is wrong.
 */
public final class GgufFile {

    private static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final long MAX_COUNT = 1L << 24;

    private final Path path;
    private final int version;
    private final Map<String, Object> metadata;
    private final List<GgufTensor> tensors;
    private final long dataStart;
    private final long size;

    private GgufFile(Path path, int version, Map<String, Object> metadata, List<GgufTensor> tensors, long dataStart,
                     long size) {
        this.path = path;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
        this.size = size;
    }

    /** Reads the header, metadata and tensor infos of {@code path}. */
    public static GgufFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
            map.order(ByteOrder.LITTLE_ENDIAN);
            return parse(path, map, size);
        } catch (BufferUnderflowException e) {
            throw new ModelLoadException(path + ": the header ends early: the file is truncated; download it again");
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static GgufFile parse(Path path, ByteBuffer b, long size) {
        Reader r = new Reader(path, b);
        if (size < 24) {
            throw new ModelLoadException(path + " is not a GGUF file: only " + size + " bytes");
        }
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new ModelLoadException(path + " is not a GGUF file (it does not start with 'GGUF')");
        }
        int version = b.getInt();
        if (version != 2 && version != 3) {
            throw new ModelLoadException(path + ": GGUF version " + version + " is not supported (CascadeLab reads"
                    + " versions 2 and 3; version 1 files predate 2023 and need converting again)");
        }
        long tensorCount = r.count("tensor count");
        long kvCount = r.count("metadata count");
        Map<String, Object> meta = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = r.string("a metadata key");
            meta.put(key, r.value(key, b.getInt()));
        }
        long alignment = 32;
        Object a = meta.get("general.alignment");
        if (a != null) {
            if (!(a instanceof Long l) || l <= 0 || (l & (l - 1)) != 0) {
                throw new ModelLoadException(path + ": general.alignment = " + a + " is not a power of two");
            }
            alignment = l;
        }
        List<GgufTensor> infos = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = r.string("a tensor name");
            int dimsCount = b.getInt();
            if (dimsCount < 1 || dimsCount > 4) {
                throw new ModelLoadException(path + ": tensor '" + name + "' has " + dimsCount + " dimensions (1 to 4)");
            }
            long[] dims = new long[dimsCount];
            for (int d = 0; d < dimsCount; d++) {
                dims[d] = b.getLong();
                if (dims[d] <= 0) {
                    throw new ModelLoadException(path + ": tensor '" + name + "' has a dimension of " + dims[d]);
                }
            }
            int typeId = b.getInt();
            GgmlType type = GgmlType.of(typeId);
            if (type == null) {
                throw new ModelLoadException(path + ": tensor '" + name + "' has type number " + typeId
                        + ", which this version of CascadeLab does not know");
            }
            long offset = b.getLong();
            GgufTensor t = new GgufTensor(name, dims, type, offset);
            if (dims[0] % type.blockSize() != 0) {
                throw new ModelLoadException(path + ": tensor '" + name + "' of type " + type + " has rows of "
                        + dims[0] + " values, not a multiple of its block of " + type.blockSize());
            }
            infos.add(t);
        }
        long dataStart = (b.position() + alignment - 1) / alignment * alignment;
        for (GgufTensor t : infos) {
            if (t.offset() % alignment != 0) {
                throw new ModelLoadException(path + ": tensor '" + t.name() + "' starts at offset " + t.offset()
                        + ", not aligned to " + alignment + " bytes");
            }
            if (dataStart + t.offset() + t.bytes() > size) {
                throw new ModelLoadException(path + ": tensor '" + t.name() + "' (" + t.bytes() + " bytes at offset "
                        + (dataStart + t.offset()) + ") runs past the end of the file (" + size + " bytes): the file"
                        + " is truncated; download it again");
            }
        }
        return new GgufFile(path, version, Collections.unmodifiableMap(meta), List.copyOf(infos), dataStart, size);
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Format version (2 or 3). */
    public int version() {
        return version;
    }

    /** Metadata: Long for integers, Double for floats, Boolean, String, or a List of these. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The tensors, in file order. */
    public List<GgufTensor> tensors() {
        return tensors;
    }

    /** The tensor named {@code name}, or null. */
    public GgufTensor tensor(String name) {
        for (GgufTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Bytes of tensor data in the file. */
    public long dataBytes() {
        return size - dataStart;
    }

    /** The values of {@code t} as floats (dequantised); an unsupported type is refused naming the tensor. */
    public float[] floats(GgufTensor t) {
        if (!t.type().supported()) {
            throw new ModelLoadException(path + ": tensor '" + t.name() + "' is of type " + t.type() + ", which"
                    + " CascadeLab does not dequantise (it reads F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K,"
                    + " Q3_K, Q4_K, Q5_K and Q6_K): pick another quantisation of the model");
        }
        if (t.count() > Integer.MAX_VALUE - 8 || t.bytes() > Integer.MAX_VALUE) {
            throw new ModelLoadException(path + ": tensor '" + t.name() + "' holds " + t.count()
                    + " values, more than one array can hold");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + t.offset(), t.bytes());
            return Dequantizer.dequantize(t.type(), data, (int) t.count());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read tensor '" + t.name() + "' of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads header values; running out of bytes means a truncated header. */
    private record Reader(Path path, ByteBuffer b) {

        long count(String what) {
            long n = b.getLong();
            if (n < 0 || n > MAX_COUNT) {
                throw new ModelLoadException(path + ": the " + what + " is " + n + ": the header is damaged");
            }
            return n;
        }

        String string(String what) {
            long len = b.getLong();
            if (len < 0 || len > b.remaining()) {
                throw new ModelLoadException(path + ": " + what + " of " + len + " bytes runs past the end of the"
                        + " header: the file is truncated or damaged");
            }
            byte[] bytes = new byte[(int) len];
            b.get(bytes);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ModelLoadException(path + ": " + what + " is not UTF-8 text: the header is damaged");
            }
        }

        Object value(String key, int type) {
            try {
                return switch (type) {
                    case 0 -> (long) (b.get() & 0xFF);
                    case 1 -> (long) b.get();
                    case 2 -> (long) (b.getShort() & 0xFFFF);
                    case 3 -> (long) b.getShort();
                    case 4 -> b.getInt() & 0xFFFFFFFFL;
                    case 5 -> (long) b.getInt();
                    case 6 -> (double) b.getFloat();
                    case 7 -> b.get() != 0;
                    case 8 -> string("the value of " + key);
                    case 9 -> array(key);
                    case 10, 11 -> b.getLong();
                    case 12 -> b.getDouble();
                    default -> throw new ModelLoadException(path + ": metadata '" + key + "' has value type " + type
                            + ", which is not a GGUF type: the header is damaged");
                };
            } catch (BufferUnderflowException e) {
                throw new ModelLoadException(path + ": the header ends inside metadata '" + key + "': the file is"
                        + " truncated");
            }
        }

        private List<Object> array(String key) {
            int type = b.getInt();
            long n = count("length of " + key);
            List<Object> out = new ArrayList<>((int) Math.min(n, 1 << 16));
            for (long i = 0; i < n; i++) {
                out.add(value(key, type));
            }
            return out;
        }
    }
}
