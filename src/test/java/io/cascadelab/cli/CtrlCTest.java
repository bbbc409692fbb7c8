package io.cascadelab.cli;

import com.google.gson.JsonObject;
import io.cascadelab.model.TinyModels;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (here a SIGTERM, which runs the same shutdown hooks) during long work keeps what was
 * finished: train saves a checkpoint at the step it reached, bench prints and writes its finished runs.
 */
class CtrlCTest {

    @TempDir
    Path dir;

    /** Starts the CLI in its own JVM; stderr lines are collected. */
    private static Process start(List<String> args, Path stdout) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "io.cascadelab.Launcher"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).start();
    }

    /** Reads stderr until a line matches, returning everything read; fails after a minute. */
    private static List<String> waitFor(Process p, Predicate<String> line) throws Exception {
        List<String> seen = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        StringBuilder cur = new StringBuilder();
        while (System.nanoTime() < end) {
            int c = r.read();
            if (c < 0) {
                break;
            }
            if (c == '\n' || c == '\r') {
                String l = cur.toString();
                cur.setLength(0);
                seen.add(l);
                if (line.test(l)) {
                    return seen;
                }
            } else {
                cur.append((char) c);
            }
        }
        throw new AssertionError("never saw the line; stderr: " + seen);
    }

    @Test
    void trainSavesTheStepItReachedThenExits() throws Exception {
        Path tok = Files.createDirectories(dir.resolve("tok"));
        TinyModels.writeByteTokenizer(tok, 257);
        Path corpus = Files.writeString(dir.resolve("corpus.txt"),
                "In the beginning God created the heaven and the earth.\n".repeat(400));
        Path work = dir.resolve("work");
        Process p = start(List.of("train", "--corpus", corpus.toString(), "--tokenizer", tok.resolve("tokenizer.json").toString(),
                "--out", dir.resolve("out").toString(), "--work", work.toString(), "--shape",
                "layers=1,hidden=32,heads=2,context=64", "--seq", "32", "--batch", "4", "--steps", "100000",
                "--eval-every", "100000", "--eval-batches", "1", "--warmup", "1", "--validation-every", "2"), dir.resolve("train.out"));
        waitFor(p, l -> l.matches(".*\\] ?[1-9][0-9]*/100000.*") || l.matches(".* [2-9][0-9]*/100000.*"));
        p.destroy();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "train exits after saving");
        JsonObject state = Json.read(work.resolve("checkpoint.json"));
        assertTrue(state.get("step").getAsInt() > 0, "the checkpoint holds the step reached, not step 0: " + state);
    }

    @Test
    void benchPrintsAndWritesTheFinishedRuns() throws Exception {
        Path json = dir.resolve("bench.json");
        Path out = dir.resolve("bench.out");
        Path prompts = Files.createDirectories(dir.resolve("prompts/genesis"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(prompts.resolve("p" + i + ".txt"), "And God said, Let there be light " + i);
        }
        Process p = start(List.of("bench", "--target", "src/test/resources/fixtures/llama-gqa-rope3", "--drafter",
                "src/test/resources/fixtures/llama-headdim", "--max-new-tokens", "48", "--repeats", "5", "--json",
                json.toString(), "--prompts", dir.resolve("prompts").toString()), out);
        waitFor(p, l -> l.contains("tok/s") && l.contains("sd("));
        p.destroy();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "bench exits after writing");
        assertTrue(Files.readString(out).contains("method"), "the table of the finished runs: " + Files.readString(out));
        JsonObject root = Json.read(json);
        assertTrue(root.get("cancelled").getAsBoolean());
        assertTrue(root.getAsJsonArray("prompts").size() >= 1);
        assertEquals("ar", root.getAsJsonArray("prompts").get(0).getAsJsonObject().getAsJsonArray("methods").get(0)
                .getAsJsonObject().get("label").getAsString());
    }
}
