package io.cascadelab.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad trace files fail with a message naming the file (and line) and what it should be; old files still read. */
class TraceFileErrorsTest {

    @TempDir
    Path dir;

    private String failure(String name, byte[] content) throws IOException {
        Path f = Files.write(dir.resolve(name), content);
        IOException e = assertThrows(IOException.class, () -> TraceFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aBinaryFileIsNotATrace() throws IOException {
        String m = failure("weights.jsonl", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        assertTrue(m.contains("not a CascadeLab trace"), m);
    }

    @Test
    void aStepWithoutTheTargetsReviewNamesItsLine() throws IOException {
        String header = Files.readAllLines(exampleFile()).get(0);
        String step = "{\"type\":\"step\",\"step\":0,\"startNanos\":0,\"nanos\":1,\"emitted\":[],\"ghosts\":[],\"reviews\":[],\"calls\":[]}";
        String m = failure("cut.jsonl", (header + "\n" + step + "\n").getBytes());
        assertTrue(m.contains("line 2"), m);
    }

    @Test
    void aFileWithoutAHeaderSaysWhereTracesComeFrom() throws IOException {
        String m = failure("notes.jsonl", "{\"type\":\"summary\"}\n".getBytes());
        assertTrue(m.contains("no header"), m);
    }

    @Test
    void theExampleTraceCarriesItsTokenTextsAndATraceWithoutThemStillReads() throws IOException {
        Trace example = ExampleTrace.load();
        assertFalse(example.tokens().isEmpty());
        assertTrue(example.tokens().decode(example.header().promptIds()).contains("Let there be light"));
        Path old = dir.resolve("old.jsonl");
        TraceFile.write(old, new Trace(example.header(), example.steps(), example.summary()));
        Trace back = TraceFile.read(old);
        assertTrue(back.tokens().isEmpty());
        assertEquals(example.steps().size(), back.steps().size());
    }

    @Test
    void garbageOrAMissingFieldNamesTheLineInPlainWords() throws IOException {
        java.util.List<String> lines = Files.readAllLines(exampleFile());
        java.util.List<String> garbage = new java.util.ArrayList<>(lines);
        garbage.set(3, "{\"type\":\"step\", oops");
        String m = failure("garbage.jsonl", String.join("\n", garbage).getBytes());
        assertTrue(m.contains("line 4 is not a JSON object"), m);
        assertFalse(m.contains("setStrictness") || m.contains("LENIENT") || m.contains("Exception"), m);

        com.google.gson.JsonObject header = com.google.gson.JsonParser.parseString(lines.get(0)).getAsJsonObject();
        header.remove("promptIds");
        java.util.List<String> missing = new java.util.ArrayList<>(lines);
        missing.set(0, header.toString());
        String f = failure("missing.jsonl", String.join("\n", missing).getBytes());
        assertTrue(f.contains("line 1: the header record lacks promptIds"), f);
        assertFalse(f.contains("Failed to invoke") || f.contains("clone()"), f);
    }

    @Test
    void aFieldOfTheWrongTypeIsNotBlamedOnAFieldADecoderOnlyRunLacks() throws IOException {
        java.util.List<String> lines = Files.readAllLines(exampleFile());
        com.google.gson.JsonObject header = com.google.gson.JsonParser.parseString(lines.get(0)).getAsJsonObject();
        header.addProperty("promptIds", "oops");
        java.util.List<String> wrong = new java.util.ArrayList<>(lines);
        wrong.set(0, header.toString());
        String f = failure("wrong.jsonl", String.join("\n", wrong).getBytes());
        assertTrue(f.contains("line 1: the header record has a field of the wrong type"), f);
        assertFalse(f.contains("encoderInput"), f);
    }

    @Test
    void aTruncatedLastLineKeepsTheCompleteStepsAndSaysSo() throws IOException {
        java.util.List<String> lines = Files.readAllLines(exampleFile());
        java.util.List<String> cut = new java.util.ArrayList<>(lines.subList(0, 6));
        cut.add(lines.get(6).substring(0, 40));
        Trace t = TraceFile.read(Files.write(dir.resolve("cut.jsonl"), String.join("\n", cut).getBytes()));
        assertEquals(4, t.steps().size());
        assertEquals(TraceFile.TRUNCATED, t.summary().stopReason());
    }

    private Path exampleFile() throws IOException {
        Path f = dir.resolve("example.jsonl");
        TraceFile.write(f, ExampleTrace.load());
        return f;
    }
}
