package io.cascadelab.race;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A race on disk, in JSON Lines: {"type":"race","version":1,"greedy":…,"lanes":[labels]}, then per
 * lane {"type":"lane","label":…} followed by that lane's trace lines exactly as a trace file
 * holds them ({@link TraceFile}), so a race replays with no model loaded.
 */
public final class RaceFile {

    /** Format version written into the first line. */
    public static final int VERSION = 1;

    private RaceFile() {
    }

    /** Writes {@code race} to {@code file}. */
    public static void write(Path file, Race race) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JsonObject head = new JsonObject();
            head.addProperty("type", "race");
            head.addProperty("version", VERSION);
            head.addProperty("greedy", race.greedy());
            JsonArray labels = new JsonArray();
            race.lanes().forEach(l -> labels.add(l.label()));
            head.add("lanes", labels);
            w.write(head.toString());
            w.write('\n');
            for (RaceLane lane : race.lanes()) {
                JsonObject l = new JsonObject();
                l.addProperty("type", "lane");
                l.addProperty("label", lane.label());
                w.write(l.toString());
                w.write('\n');
                StringWriter trace = new StringWriter();
                TraceFile.write(trace, lane.trace());
                w.write(trace.toString());
            }
        }
    }

    /** Reads a race file; errors name the file, and the lane or line. */
    public static Race read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not a UTF-8 text file: not a CascadeLab race (from race --out or the race window)", e);
        }
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty: not a CascadeLab race");
        }
        JsonObject head = object(lines.get(0), file, 1);
        if (!head.has("type") || !"race".equals(head.get("type").getAsString())) {
            throw new IOException(file + " line 1 is not a race header: not a CascadeLab race (a single run's trace"
                    + " opens with File ▸ Open and replay a trace)");
        }
        int version = head.has("version") ? head.get("version").getAsInt() : 0;
        if (version != VERSION) {
            throw new IOException(file + ": race format version " + version + " is not supported (this CascadeLab"
                    + " reads version " + VERSION + ")");
        }
        boolean greedy = head.has("greedy") && head.get("greedy").getAsBoolean();
        List<RaceLane> lanes = new ArrayList<>();
        String label = null;
        StringBuilder trace = new StringBuilder();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("{\"type\":\"lane\"")) {
                if (label != null) {
                    lanes.add(lane(label, trace.toString(), file));
                }
                label = object(line, file, i + 1).get("label").getAsString();
                trace.setLength(0);
            } else if (label == null && !line.isBlank()) {
                throw new IOException(file + " line " + (i + 1) + ": a trace line before any lane line");
            } else {
                trace.append(line).append('\n');
            }
        }
        if (label != null) {
            lanes.add(lane(label, trace.toString(), file));
        }
        if (lanes.isEmpty()) {
            throw new IOException(file + " holds no lanes");
        }
        return new Race(lanes, greedy);
    }

    private static RaceLane lane(String label, String lines, Path file) throws IOException {
        Trace t = TraceFile.read(new BufferedReader(new StringReader(lines)), file + " (lane " + label + ")");
        return new RaceLane(label, t);
    }

    private static JsonObject object(String line, Path file, int n) throws IOException {
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " line " + n + " is not a JSON object: not a CascadeLab race", e);
        }
    }
}
