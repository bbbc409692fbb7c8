package io.cascadelab.train;

import com.google.gson.JsonObject;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checkpoint is one atomic commit: a kill between its files leaves the previous one whole; a mismatched pair is refused. */
class TrainingCheckpointTest {

    @TempDir
    Path dir;

    private static SafetensorsWriter weights(float v) {
        return new SafetensorsWriter().add("w", new float[] {v, v + 1}, 2);
    }

    private static JsonObject state(int step) {
        JsonObject o = new JsonObject();
        o.addProperty("step", step);
        return o;
    }

    @Test
    void aKillAfterTheWeightsButBeforeTheStateLeavesThePreviousCheckpoint() throws Exception {
        TrainingCheckpoint.save(dir, weights(1), state(100));
        // the next save is killed after writing its weights (as a temp file, or even under its final name)
        weights(2).write(dir.resolve("checkpoint-200.safetensors.tmp"), TensorDType.F32);
        weights(2).write(dir.resolve("checkpoint-200.safetensors"), TensorDType.F32);
        TrainingCheckpoint.Saved s = TrainingCheckpoint.load(dir).orElseThrow();
        assertEquals(100, s.state().get("step").getAsInt());
        assertArrayEquals(new float[] {1, 2}, read(s));
        // the next commit cleans up the leftovers
        TrainingCheckpoint.save(dir, weights(3), state(300));
        assertFalse(Files.exists(dir.resolve("checkpoint-100.safetensors")));
        assertFalse(Files.exists(dir.resolve("checkpoint-200.safetensors.tmp")));
        assertArrayEquals(new float[] {3, 4}, read(TrainingCheckpoint.load(dir).orElseThrow()));
    }

    @Test
    void weightsThatDoNotMatchTheStateAreRefused() throws Exception {
        TrainingCheckpoint.save(dir, weights(1), state(100));
        new SafetensorsWriter().add("w", new float[] {9, 9, 9}, 3).write(dir.resolve("checkpoint-100.safetensors"),
                TensorDType.F32);
        IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.load(dir));
        assertTrue(e.getMessage().contains("do not belong to this state"), e.getMessage());
    }

    @Test
    void theOlderLayoutIsReadAndItsInterruptedSaveRefused() throws Exception {
        weights(1).write(dir.resolve("checkpoint.safetensors"), TensorDType.F32);
        Files.writeString(dir.resolve("checkpoint.json"), state(100).toString());
        assertEquals(100, TrainingCheckpoint.load(dir).orElseThrow().state().get("step").getAsInt());
        // a kill -9 between the two writes of the older layout: newer weights beside the older state
        Files.setLastModifiedTime(dir.resolve("checkpoint.json"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.load(dir));
        assertTrue(e.getMessage().contains("newer than") && e.getMessage().contains("different steps"), e.getMessage());
    }

    @Test
    void noStateMeansAFreshStart() throws Exception {
        weights(2).write(dir.resolve("checkpoint-200.safetensors"), TensorDType.F32);
        assertTrue(TrainingCheckpoint.load(dir).isEmpty());
    }

    private static float[] read(TrainingCheckpoint.Saved s) {
        java.nio.FloatBuffer b = s.weights().read("w", 2);
        return new float[] {b.get(0), b.get(1)};
    }
}
