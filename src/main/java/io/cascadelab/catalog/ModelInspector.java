package io.cascadelab.catalog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.model.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads what the catalog shows of one model folder without loading its weights. */
final class ModelInspector {

    private ModelInspector() {
    }

    static LocalModel inspect(String id, Path folder) {
        String type = "?";
        String dtype = "?";
        String problem = null;
        Path config = folder.resolve("config.json");
        try {
            JsonObject c = JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8)).getAsJsonObject();
            type = c.has("model_type") ? c.get("model_type").getAsString() : "?";
            dtype = c.has("torch_dtype") ? c.get("torch_dtype").getAsString()
                    : c.has("dtype") ? c.get("dtype").getAsString() : "?";
            ConfigReader.read(folder); // the loader's own refusals, by name
        } catch (ModelLoadException e) {
            problem = e.getMessage();
        } catch (IOException | RuntimeException e) {
            problem = config + " cannot be read: " + e.getMessage();
        }
        long bytes = weightBytes(folder);
        if (problem == null && bytes == 0) {
            problem = "no *.safetensors weights in " + folder;
        }
        String key = null;
        int vocabulary = 0;
        Path tok = folder.resolve("tokenizer.json");
        if (Files.isRegularFile(tok)) {
            try {
                JsonObject t = JsonParser.parseString(Files.readString(tok, StandardCharsets.UTF_8)).getAsJsonObject();
                String[] table = table(t);
                key = tableKey(java.util.Arrays.asList(table));
                vocabulary = table.length;
            } catch (IOException | RuntimeException e) {
                problem = problem != null ? problem : tok + " cannot be read: " + e.getMessage();
            }
        } else if (problem == null) {
            problem = "no tokenizer.json in " + folder;
        }
        return new LocalModel(id, folder, type, dtype, bytes, key, vocabulary, problem);
    }

    private static long weightBytes(Path folder) {
        long n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.safetensors")) {
            for (Path f : files) {
                n += Files.size(f); // follows the hub cache's symlinks into blobs/
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    /** id → token of a tokenizer.json (vocabulary and added tokens), the table the doctor compares. */
    private static String[] table(JsonObject t) {
        java.util.TreeMap<Integer, String> byId = new java.util.TreeMap<>();
        JsonElement vocab = t.has("model") ? t.getAsJsonObject("model").get("vocab") : null;
        if (vocab != null && vocab.isJsonObject()) {
            for (var e : vocab.getAsJsonObject().entrySet()) {
                byId.put(e.getValue().getAsInt(), e.getKey());
            }
        } else if (vocab != null && vocab.isJsonArray()) {
            int i = 0;
            for (JsonElement e : vocab.getAsJsonArray()) {
                byId.put(i++, e.getAsJsonArray().get(0).getAsString());
            }
        }
        if (t.has("added_tokens") && t.get("added_tokens").isJsonArray()) {
            for (JsonElement e : t.getAsJsonArray("added_tokens")) {
                byId.put(e.getAsJsonObject().get("id").getAsInt(), e.getAsJsonObject().get("content").getAsString());
            }
        }
        String[] out = new String[byId.isEmpty() ? 0 : byId.lastKey() + 1];
        byId.forEach((id, tok) -> out[id] = tok);
        return out;
    }

    /** One key for equal id → token tables, whether they come from tokenizer.json or GGUF metadata. */
    static String tableKey(java.util.List<?> tokens) {
        StringBuilder b = new StringBuilder();
        for (Object o : tokens) {
            b.append(o).append('\u0000');
        }
        return digest(b.toString());
    }

    /** What the catalog shows of a GGUF file: its architecture, main tensor type, size and tokenizer. */
    static LocalModel inspectGguf(String id, Path file) {
        String type = "?";
        String dtype = "?";
        String problem = null;
        String key = null;
        int vocabulary = 0;
        long bytes = 0;
        try {
            bytes = Files.size(file);
            io.cascadelab.gguf.GgufFile f = io.cascadelab.gguf.GgufFile.open(file);
            type = String.valueOf(f.metadata().get("general.architecture"));
            java.util.Map<io.cascadelab.gguf.GgmlType, Long> byType = new java.util.EnumMap<>(io.cascadelab.gguf.GgmlType.class);
            f.tensors().forEach(t -> byType.merge(t.type(), t.bytes(), Long::sum));
            dtype = byType.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(e -> e.getKey().name())
                    .orElse("?");
            Object tokens = f.metadata().get("tokenizer.ggml.tokens");
            if (tokens instanceof java.util.List<?> l) {
                key = tableKey(l);
                vocabulary = l.size();
            }
            io.cascadelab.gguf.GgufModel.config(f); // the loader's own refusals, by name
            for (io.cascadelab.gguf.GgufTensor t : f.tensors()) {
                if (!t.type().supported()) {
                    problem = "tensor '" + t.name() + "' is of type " + t.type() + ", which CascadeLab does not dequantise";
                    break;
                }
            }
            if (problem == null && key == null) {
                problem = "no tokenizer in the file";
            }
        } catch (ModelLoadException e) {
            problem = e.getMessage();
        } catch (IOException | RuntimeException e) {
            problem = file + " cannot be read: " + e.getMessage();
        }
        return new LocalModel(id, file, type, dtype, bytes, key, vocabulary, problem);
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
