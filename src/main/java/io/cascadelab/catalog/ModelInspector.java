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
                key = digest(String.valueOf(t.get("model")) + String.valueOf(t.get("added_tokens")));
                vocabulary = vocabulary(t);
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

    private static int vocabulary(JsonObject t) {
        int max = -1;
        JsonElement vocab = t.has("model") ? t.getAsJsonObject("model").get("vocab") : null;
        if (vocab != null && vocab.isJsonObject()) {
            for (var e : vocab.getAsJsonObject().entrySet()) {
                max = Math.max(max, e.getValue().getAsInt());
            }
        } else if (vocab != null && vocab.isJsonArray()) {
            max = vocab.getAsJsonArray().size() - 1;
        }
        if (t.has("added_tokens") && t.get("added_tokens").isJsonArray()) {
            for (JsonElement e : t.getAsJsonArray("added_tokens")) {
                max = Math.max(max, e.getAsJsonObject().get("id").getAsInt());
            }
        }
        return max + 1;
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
