package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to a config.json object with messages that name the file and key. Every key read
 * is recorded, so that the loader can name the keys it neither read nor knows to be irrelevant.
 */
final class ConfigJson {

    private final JsonObject obj;
    private final Path file;
    private final String prefix;
    private final Set<String> read;
    /** Every nested object taken so far, by path (taken once, however often it is asked for). */
    private final Map<String, ConfigJson> children;

    ConfigJson(JsonObject obj, Path file) {
        this(obj, file, "", new LinkedHashSet<>(), new LinkedHashMap<>());
    }

    private ConfigJson(JsonObject obj, Path file, String prefix, Set<String> read, Map<String, ConfigJson> children) {
        this.obj = obj;
        this.file = file;
        this.prefix = prefix;
        this.read = read;
        this.children = children;
    }

    Path file() {
        return file;
    }

    /** The nested object under {@code key}, or null when it is absent or not an object. */
    ConfigJson child(String key) {
        JsonElement e = get(key);
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        return children.computeIfAbsent(prefix + key + ".",
                path -> new ConfigJson(e.getAsJsonObject(), file, path, read, children));
    }

    boolean has(String key) {
        JsonElement e = get(key);
        return e != null && !e.isJsonNull();
    }

    /** Marks keys as read: their value is known not to matter (or was checked elsewhere). */
    void touch(String... keys) {
        for (String k : keys) {
            get(k);
        }
    }

    /** Keys of this object and of every child taken so far that were never read, with their paths. */
    List<String> unread(Set<String> irrelevant) {
        List<String> out = new ArrayList<>();
        collect(out, irrelevant);
        for (ConfigJson c : children.values()) {
            c.collect(out, Set.of());
        }
        return out;
    }

    private void collect(List<String> out, Set<String> irrelevant) {
        for (String k : obj.keySet()) {
            if (!read.contains(prefix + k) && !irrelevant.contains(k)) {
                out.add(prefix + k);
            }
        }
    }

    JsonElement get(String key) {
        read.add(prefix + key);
        return obj.get(key);
    }

    int integer(String key) {
        Integer v = optInteger(key);
        if (v == null) {
            throw new ModelLoadException(file + ": required field '" + prefix + key + "' is missing");
        }
        return v;
    }

    int integer(String key, int fallback) {
        Integer v = optInteger(key);
        return v == null ? fallback : v;
    }

    /** A required size: refused unless positive. */
    int positive(String key) {
        return checkPositive(key, integer(key));
    }

    /** An optional size: refused unless positive when present. */
    int positive(String key, int fallback) {
        return checkPositive(key, integer(key, fallback));
    }

    private int checkPositive(String key, int v) {
        if (v <= 0) {
            throw new ModelLoadException(file + ": '" + prefix + key + "' is " + v
                    + "; it must be a positive number. Fix config.json or pick another model folder.");
        }
        return v;
    }

    Integer optInteger(String key) {
        JsonElement e = get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            return a.isEmpty() ? null : a.get(0).getAsInt();
        }
        try {
            double d = e.getAsDouble();
            if (d != Math.rint(d)) {
                throw new NumberFormatException();
            }
            return e.getAsInt();
        } catch (RuntimeException ex) {
            throw new ModelLoadException(file + ": field '" + prefix + key + "' should be an integer, found " + e);
        }
    }

    double dbl(String key, double fallback) {
        JsonElement e = get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            return e.getAsDouble();
        } catch (RuntimeException ex) {
            throw new ModelLoadException(file + ": field '" + prefix + key + "' should be a number, found " + e);
        }
    }

    boolean bool(String key, boolean fallback) {
        JsonElement e = get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ModelLoadException(file + ": field '" + prefix + key + "' should be true or false, found " + e);
        }
        return e.getAsBoolean();
    }

    String str(String key, String fallback) {
        JsonElement e = get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    /** A list of numbers, or null when absent. */
    List<Double> numbers(String key) {
        JsonElement e = get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        try {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(x.getAsDouble());
            }
        } catch (RuntimeException ex) {
            throw new ModelLoadException(file + ": field '" + prefix + key + "' should be a list of numbers, found " + e);
        }
        return out;
    }

    /** A list of strings, or null when absent. */
    List<String> strings(String key) {
        JsonElement e = get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        try {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(x.getAsString());
            }
        } catch (RuntimeException ex) {
            throw new ModelLoadException(file + ": field '" + prefix + key + "' should be a list of strings, found " + e);
        }
        return out;
    }

    /** Refuses a key whose value CascadeLab does not implement, naming both. */
    ModelLoadException refuse(String key, Object value, String why) {
        return new ModelLoadException(file + ": " + prefix + key + " = " + value + " is not supported: " + why);
    }
}
