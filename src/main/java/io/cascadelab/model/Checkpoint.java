package io.cascadelab.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The weights of a model folder: one model.safetensors or shards listed by an index. */
public final class Checkpoint implements TensorSource {

    private final Path dir;
    private final Map<String, SafetensorsFile> fileOf;

    private Checkpoint(Path dir, Map<String, SafetensorsFile> fileOf) {
        this.dir = dir;
        this.fileOf = fileOf;
    }

    /** Opens the safetensors weights of {@code dir}. */
    public static Checkpoint open(Path dir) {
        Path single = dir.resolve("model.safetensors");
        Path index = dir.resolve("model.safetensors.index.json");
        Map<String, SafetensorsFile> map = new LinkedHashMap<>();
        if (Files.isRegularFile(single)) {
            addAll(map, SafetensorsFile.open(single));
        } else if (Files.isRegularFile(index)) {
            JsonObject root = ConfigReader.readJson(index);
            if (!root.has("weight_map") || !root.get("weight_map").isJsonObject()) {
                throw new ModelLoadException(index + ": no \"weight_map\" object");
            }
            Map<String, SafetensorsFile> shards = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("weight_map").entrySet()) {
                String shardName = e.getValue().getAsString();
                SafetensorsFile shard = shards.computeIfAbsent(shardName, n -> {
                    Path p = dir.resolve(n);
                    if (!Files.isRegularFile(p)) {
                        throw new ModelLoadException(index + " names shard " + n + ", which is missing from " + dir
                                + ": copy the complete checkpoint");
                    }
                    return SafetensorsFile.open(p);
                });
                if (!shard.tensors().containsKey(e.getKey())) {
                    throw new ModelLoadException(index + " says tensor '" + e.getKey() + "' is in " + shardName
                            + " but that file does not contain it");
                }
                map.put(e.getKey(), shard);
            }
        } else {
            List<Path> files = listSafetensors(dir);
            if (files.isEmpty()) {
                if (Files.exists(dir.resolve("pytorch_model.bin")) || Files.exists(dir.resolve("pytorch_model.bin.index.json"))) {
                    throw new ModelLoadException(dir + " has only pytorch_model.bin weights. CascadeLab reads safetensors: "
                            + "convert with Python, e.g. AutoModelForCausalLM.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
                }
                throw new ModelLoadException("no weights in " + dir + ": expected model.safetensors or "
                        + "model.safetensors.index.json with its shards");
            }
            for (Path f : files) {
                addAll(map, SafetensorsFile.open(f));
            }
        }
        return new Checkpoint(dir, map);
    }

    /** The weights of one safetensors file (a training checkpoint). */
    public static Checkpoint ofFile(Path file) {
        Map<String, SafetensorsFile> map = new LinkedHashMap<>();
        addAll(map, SafetensorsFile.open(file));
        return new Checkpoint(file.getParent(), map);
    }

    private static List<Path> listSafetensors(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new ModelLoadException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void addAll(Map<String, SafetensorsFile> map, SafetensorsFile f) {
        for (String name : f.tensors().keySet()) {
            map.put(name, f);
        }
    }

    /** The model folder. */
    public Path dir() {
        return dir;
    }

    /** All tensor names. */
    public Set<String> names() {
        return fileOf.keySet();
    }

    /** True when the checkpoint holds {@code name}. */
    @Override
    public boolean has(String name) {
        return fileOf.containsKey(name);
    }

    /** Shape of a tensor. */
    public long[] shape(String name) {
        return info(name).shape();
    }

    /** Reads a tensor as F32, checking its shape. */
    @Override
    public FloatBuffer read(String name, long... expectedShape) {
        return readNative(name, expectedShape).asFloatBuffer();
    }

    /** Reads a tensor as F32 into a direct native-order byte buffer, checking its shape and values. */
    @Override
    public ByteBuffer readNative(String name, long... expectedShape) {
        SafetensorsFile.TensorInfo info = info(name);
        if (!Arrays.equals(info.shape(), expectedShape)) {
            throw new ModelLoadException(fileOf.get(name).path() + ": tensor '" + name + "' has shape "
                    + Arrays.toString(info.shape()) + " but config.json implies " + Arrays.toString(expectedShape)
                    + "; config.json and the weights do not belong together");
        }
        ByteBuffer values = fileOf.get(name).readNative(info);
        int nan = countNaN(values.asFloatBuffer());
        if (nan > 0) {
            throw new ModelLoadException(fileOf.get(name).path() + ": tensor '" + name + "' of " + dir.getFileName()
                    + " holds " + nan + " NaN value" + (nan == 1 ? "" : "s") + "; the weights are damaged (a failed"
                    + " training run or conversion): use an intact copy");
        }
        return values;
    }

    /** NaNs in {@code values}, read in bulk chunks (element-wise reads of a direct buffer are slow). */
    private static int countNaN(FloatBuffer values) {
        FloatBuffer view = values.duplicate();
        float[] chunk = new float[Math.min(view.remaining(), 1 << 16)];
        int nan = 0;
        while (view.hasRemaining()) {
            int len = Math.min(chunk.length, view.remaining());
            view.get(chunk, 0, len);
            for (int i = 0; i < len; i++) {
                if (chunk[i] != chunk[i]) { // NaN is the one value unequal to itself
                    nan++;
                }
            }
        }
        return nan;
    }

    private SafetensorsFile.TensorInfo info(String name) {
        SafetensorsFile f = fileOf.get(name);
        if (f == null) {
            List<String> sample = new ArrayList<>(fileOf.keySet());
            throw new ModelLoadException("tensor '" + name + "' missing from the weights in " + dir + " (found "
                    + sample.size() + " tensors, e.g. " + sample.subList(0, Math.min(3, sample.size()))
                    + "); the checkpoint is incomplete or of another architecture");
        }
        return f.tensors().get(name);
    }
}
