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

    private Path exampleFile() throws IOException {
        Path f = dir.resolve("example.jsonl");
        TraceFile.write(f, ExampleTrace.load());
        return f;
    }
}
