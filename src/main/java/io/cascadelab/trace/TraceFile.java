package io.cascadelab.trace;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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

/**
 * Trace files in JSON Lines: {"type":"header",...}, {"type":"tokens",...} (the token texts, so a
 * replay needs no tokenizer; absent from older files), one {"type":"step",...} per target step,
 * {"type":"summary",...}. A file read back yields the same events.
 */
public final class TraceFile {

    /** Format version written into every header line. */
    public static final int VERSION = 1;

    static final Gson GSON = StrictJson.builder().disableHtmlEscaping().create();
    /** Writes the trees GSON makes: absent fields are already left out of them, undefined figures are nulls to keep. */
    private static final Gson LINE = StrictJson.builder().disableHtmlEscaping().serializeNulls().create();

    private TraceFile() {
    }

    /** Writes a whole trace. */
    public static void write(Path file, Trace trace) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeLine(w, "header", trace.header());
            if (!trace.tokens().isEmpty()) {
                writeLine(w, "tokens", trace.tokens());
            }
            for (StepEvent s : trace.steps()) {
                writeLine(w, "step", s);
            }
            writeLine(w, "summary", trace.summary());
        }
    }

    /** One JSON line for one step (for streaming writers). */
    public static String stepLine(StepEvent s) {
        return line("step", s);
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
    private static StepEvent checked(StepEvent s) {
        s.targetReview();
        return s;
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
        try {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    String type = o.has("type") ? o.get("type").getAsString() : "";
                    switch (type) {
                        case "header" -> header = GSON.fromJson(o, RunHeader.class);
                        case "step" -> steps.add(checked(GSON.fromJson(o, StepEvent.class)));
                        case "summary" -> summary = GSON.fromJson(o, RunSummary.class);
                        case "tokens" -> tokens = GSON.fromJson(o, TokenTable.class);
                        default -> throw new IOException(file + " line " + n + ": unknown record type '" + type + "'");
                    }
                } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
                    throw new IOException(file + " line " + n + " is not a CascadeLab trace record: " + e.getMessage(), e);
                }
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not a UTF-8 text file: not a CascadeLab trace (JSON Lines from generate --trace or the app)", e);
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
            summary = new RunSummary(toks.stream().mapToInt(Integer::intValue).toArray(), "", "INCOMPLETE", 0, decode);
        }
        return new Trace(header, steps, summary, tokens);
    }
}
