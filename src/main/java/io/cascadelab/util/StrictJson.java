package io.cascadelab.util;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.Map;

/**
 * JSON that every reader accepts: an undefined figure (NaN, ±∞) is written as null and read back
 * as NaN. Every file and report CascadeLab writes goes through here.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A builder whose doubles and floats follow the rule above; callers add pretty printing etc. */
    public static GsonBuilder builder() {
        return new GsonBuilder()
                .registerTypeAdapter(double.class, new DoubleAdapter())
                .registerTypeAdapter(Double.class, new DoubleAdapter())
                .registerTypeAdapter(float.class, new FloatAdapter())
                .registerTypeAdapter(Float.class, new FloatAdapter());
    }

    /** Pretty JSON for reports built as trees: undefined figures stay in them, as null. */
    public static Gson report() {
        return builder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
    }

    /** Writes null even where absent fields are left out: an undefined figure is not an absent one. */
    private static void undefined(JsonWriter out) throws IOException {
        boolean was = out.getSerializeNulls();
        out.setSerializeNulls(true);
        out.nullValue();
        out.setSerializeNulls(was);
    }

    /** {@code tree} with every non-finite number replaced by null (trees built with addProperty may hold NaN). */
    public static JsonElement sanitize(JsonElement tree) {
        if (tree == null || tree.isJsonNull()) {
            return JsonNull.INSTANCE;
        }
        if (tree.isJsonPrimitive()) {
            if (tree.getAsJsonPrimitive().isNumber()) {
                double d = tree.getAsDouble();
                return Double.isFinite(d) ? tree : JsonNull.INSTANCE;
            }
            return tree;
        }
        if (tree.isJsonArray()) {
            JsonArray out = new JsonArray();
            tree.getAsJsonArray().forEach(e -> out.add(sanitize(e)));
            return out;
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : tree.getAsJsonObject().entrySet()) {
            out.add(e.getKey(), sanitize(e.getValue()));
        }
        return out;
    }

    /** {@code tree} as strict JSON text. */
    public static String toJson(Gson gson, JsonElement tree) {
        return gson.toJson(sanitize(tree));
    }

    private static final class DoubleAdapter extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (!Double.isFinite(value)) {
                undefined(out);
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            if (in.peek() == JsonToken.STRING) { // files written before null: "NaN", "Infinity"
                return Double.parseDouble(in.nextString());
            }
            return in.nextDouble();
        }
    }

    private static final class FloatAdapter extends TypeAdapter<Float> {
        @Override
        public void write(JsonWriter out, Float value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (!Float.isFinite(value)) {
                undefined(out);
            } else {
                out.value(value);
            }
        }

        @Override
        public Float read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Float.NaN;
            }
            if (in.peek() == JsonToken.STRING) {
                return Float.parseFloat(in.nextString());
            }
            return (float) in.nextDouble();
        }
    }
}
