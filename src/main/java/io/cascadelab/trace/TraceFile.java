package io.cascadelab.trace;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.util.JsonProblem;
import io.cascadelab.util.StrictJson;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Trace files in JSON Lines: {"type":"header",...}, {"type":"tokens",...} (the token texts, so a
 * replay needs no tokenizer; absent from older files), one {"type":"step",...} per target step,
 * {"type":"summary",...}. A file read back yields the same events.
 */
public final class TraceFile {

    /** The stop reason of a trace whose last line was cut off (its complete steps are kept). */
    public static final String TRUNCATED = "TRUNCATED";

    /** Format version written into every header line. */
    public static final int VERSION = 1;

    static final Gson GSON = StrictJson.builder().disableHtmlEscaping().create();
    /** Fields a valid record may lack (plain decoding has no k-matrix, a decoder-only run no encoder input). */
    private static final Set<String> OPTIONAL = Set.of("kMatrix", "encoderInput");
    /** Writes the trees GSON makes: absent fields are already left out of them, undefined figures are nulls to keep. */
    private static final Gson LINE = StrictJson.builder().disableHtmlEscaping().serializeNulls().create();

    private TraceFile() {
    }

    /** Writes a whole trace. */
    public static void write(Path file, Trace trace) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w, trace);
        }
    }

    /** Writes a whole trace's lines to {@code w} (a race file holds several). */
    public static void write(Writer w, Trace trace) throws IOException {
        writeLine(w, "header", trace.header());
        if (!trace.tokens().isEmpty()) {
            writeLine(w, "tokens", trace.tokens());
        }
        for (StepEvent s : trace.steps()) {
            writeLine(w, "step", s);
        }
        writeLine(w, "summary", trace.summary());
    }
    private static void writeLine(Writer w, String type, Object o) throws IOException {
        w.write(line(type, o));
        w.write('\n');
    }

    private static String line(String type, Object o) {
        JsonObject j = GSON.toJsonTree(o).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty("type", type);
        if (type.equals("header")) {
            out.addProperty("version", VERSION);
        }
        j.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        return LINE.toJson(out);
    }

    /** A step must at least hold the target's review, which every view and metric starts from. */
    private static StepEvent checked(StepEvent s, String file, int line) throws IOException {
        try {
            s.targetReview();
        } catch (RuntimeException e) {
            throw new IOException(file + " line " + line + ": the step has no review by the target");
        }
        return s;
    }

    /**
     * One record of a line; a failure names the line and the fields the record needs ({@code required},
     * or any its type cannot do without) but the line lacks, or says a field has the wrong type;
     * never the parser's internals.
     */
    private static <T> T record(JsonObject o, Class<T> type, String file, int line, String what, String... required)
            throws IOException {
        List<String> absent = new ArrayList<>();
        for (String field : required) {
            if (!o.has(field) || o.get(field).isJsonNull()) {
                absent.add(field);
            }
        }
        if (!absent.isEmpty()) {
            throw new IOException(file + " line " + line + ": the " + what + " record lacks " + String.join(", ", absent)
                    + ": the file is damaged or not a CascadeLab trace");
        }
        try {
            T t = GSON.fromJson(o, type);
            if (t == null) {
                throw new IllegalStateException();
            }
            return t;
        } catch (RuntimeException e) {
            List<String> missing = new ArrayList<>();
            if (type.isRecord()) {
                for (var c : type.getRecordComponents()) {
                    if (!o.has(c.getName()) && !c.getType().isPrimitive() && !OPTIONAL.contains(c.getName())) {
                        missing.add(c.getName());
                    }
                }
            }
            throw new IOException(file + " line " + line + ": the " + what + " record "
                    + (missing.isEmpty() ? "has a field of the wrong type" : "lacks " + String.join(", ", missing))
                    + ": the file is damaged or not a CascadeLab trace", e);
        }
    }

    /** Reads a trace file; errors name the file and line. */
    public static Trace read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads a trace from {@code r}; errors name {@code file} (the source's name) and the line. */
    public static Trace read(BufferedReader r, String file) throws IOException {
        RunHeader header = null;
        RunSummary summary = null;
        TokenTable tokens = TokenTable.EMPTY;
        List<StepEvent> steps = new ArrayList<>();
        boolean truncated = false;
        List<String> lines = new ArrayList<>();
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not a UTF-8 text file: not a CascadeLab trace (JSON Lines from generate --trace or the app)", e);
        }
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isBlank()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            String line = lines.get(i);
            int n = i + 1;
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                if (n == last && header != null) { // a run cut off while writing: keep the complete steps
                    truncated = true;
                    break;
                }
                throw new IOException(file + " line " + n + " is not a JSON object"
                        + (e instanceof JsonParseException p ? " (" + JsonProblem.of(p) + ")" : "")
                        + ": not a CascadeLab trace (JSON Lines from generate --trace or the app)", e);
            }
            String type = o.has("type") ? o.get("type").getAsString() : "";
            if (header == null && !type.equals("header")) {
                throw new IOException(file + " has no header line before line " + n
                        + ": not a CascadeLab trace (JSON Lines from generate --trace or the app)");
            }
            switch (type) {
                case "header" -> header = record(o, RunHeader.class, file, n, "header", "method", "levels", "promptIds");
                case "step" -> steps.add(checked(record(o, StepEvent.class, file, n, "step", "emitted", "reviews"),
                        file, n));
                case "summary" -> summary = record(o, RunSummary.class, file, n, "summary", "tokens");
                case "tokens" -> tokens = record(o, TokenTable.class, file, n, "tokens");
                default -> throw new IOException(file + " line " + n + ": unknown record type '" + type + "'");
            }
        }
        if (header == null) {
            throw new IOException(file + " has no header line: not a CascadeLab trace (JSON Lines from generate --trace or the app)");
        }
        if (summary == null) { // an interrupted run: summarise what is there
            List<Integer> toks = new ArrayList<>();
            long decode = 0;
            for (StepEvent s : steps) {
                s.emitted().forEach(e -> toks.add(e.token()));
                decode = s.startNanos() + s.nanos();
            }
            summary = new RunSummary(toks.stream().mapToInt(Integer::intValue).toArray(), "",
                    truncated ? TRUNCATED : "INCOMPLETE", 0, decode);
        }
        return new Trace(header, steps, summary, tokens);
    }
}
